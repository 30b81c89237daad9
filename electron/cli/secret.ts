/**
 * Reads a password from the terminal without echoing it. Answers null when there is no terminal
 * (a script): the caller then asks for the environment variable instead.
 */
export function readSecretFromTerminal(prompt: string, output: { write(text: string): unknown }): Promise<string | null> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.resolve(null);
  output.write(prompt);
  return new Promise((resolve) => {
    let secret = '';
    const finish = (value: string | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(secret);
        // Ctrl+C or Ctrl+D: nothing entered.
        if (char === '\u0003' || char === '\u0004') return finish(null);
        if (char === '\u007f' || char === '\b') secret = [...secret].slice(0, -1).join('');
        else secret += char;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}
