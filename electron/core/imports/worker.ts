import { parentPort } from 'node:worker_threads';
import { AppError } from '../../api/errors';
import type { FromWorker, ReadRequest, ReadRow, ToWorker } from './protocol';
import { chooseSheet, readRows } from './read-rows';
import { readSubmission } from './read';

/**
 * The import worker: reads a submitted file and parses its rows off the core's thread, posting
 * the rows in chunks; or writes the workbook of rejected rows. One request per
 * worker; the core terminates it to cancel.
 */

const port = parentPort;
if (!port) throw new Error('the import worker runs in a worker thread');

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

function read(request: ReadRequest): void {
  const submission = readSubmission(request.bytes, request.fileName);
  const choice = chooseSheet(submission, request.bytes.byteLength, request);
  post({ type: 'chosen', choice });
  if (choice.questions.length > 0) {
    post({ type: 'done', rowsSeen: 0 });
    return;
  }
  let chunk: ReadRow[] = [];
  let seen = 0;
  // A grid row is not needed once it has been read: letting it go as the rows stream out keeps a
  // 100,000-row file from being held twice (as cells here and as rows in the core).
  const sheet = submission.sheets.find((s) => s.name === choice.sheet);
  for (const row of readRows(submission, choice, request.regions)) {
    if (sheet) sheet.rows[row.row - sheet.firstRow] = [];
    chunk.push(row);
    seen += 1;
    if (chunk.length >= request.chunkSize) {
      post({ type: 'rows', rows: chunk });
      chunk = [];
    }
  }
  if (chunk.length > 0) post({ type: 'rows', rows: chunk });
  post({ type: 'done', rowsSeen: seen });
}

port.on('message', (message: ToWorker) => {
  void (async () => {
    try {
      if (message.type === 'read') read(message);
      else {
        // ExcelJS is big: loaded only by the worker that writes a workbook.
        const { writeRejectedWorkbook } = await import('./rejected-workbook');
        const bytes = await writeRejectedWorkbook(readSubmission(message.bytes, message.fileName), message);
        post({ type: 'workbook', bytes }, [bytes.buffer as ArrayBuffer]);
      }
    } catch (error) {
      if (error instanceof AppError) post({ type: 'failed', code: error.code, params: error.params });
      else post({ type: 'failed', code: 'internal', params: { reason: error instanceof Error ? error.message : String(error) } });
    }
  })();
});
