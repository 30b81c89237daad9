// `npm test`: every check the project has, in order, each reported; ends with one line
// `N passed, N failed` (vitest tests plus the non-test steps: typecheck, lint, build).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const report = join('test-results', 'vitest.json');
const steps = [
  { name: 'typecheck', command: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', command: ['npx', 'eslint', '--max-warnings', '0', '.'] },
  { name: 'build', command: ['npx', 'electron-vite', 'build'] },
];

let passed = 0;
let failed = 0;
for (const step of steps) {
  console.log(`\n▶ ${step.name}: ${step.command.join(' ')}`);
  const result = spawnSync(step.command[0], step.command.slice(1), { stdio: 'inherit' });
  if (result.status === 0) passed += 1;
  else {
    failed += 1;
    console.log(`✗ ${step.name} failed (exit ${result.status})`);
  }
}

mkdirSync('test-results', { recursive: true });
rmSync(report, { force: true });
console.log('\n▶ tests: vitest run (unit, integration, e2e)');
const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit' });
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests + (results.numTotalTestSuites > 0 && results.success === false && results.numFailedTests === 0 ? 1 : 0);
} else {
  failed += 1;
  console.log(`✗ vitest wrote no report (exit ${vitest.status})`);
}

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join('test-results', 'summary.txt'), `${summary}\n`);
console.log(`\n${summary}`);
process.exitCode = failed > 0 || vitest.status !== 0 ? 1 : 0;
