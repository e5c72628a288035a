// A Jest reporter that repeats every failure, briefly, as the very last thing a run prints. CI and
// turbo keep only the tail of a long run's output, and a browser suite's logs can push Jest's own
// failure report out of it; this names what failed where it will be read.
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const LINES_PER_FAILURE = 12;

// Jest's messages carry terminal colours; the tail is read as plain text.
// eslint-disable-next-line no-control-regex
const plain = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

function brief(message) {
  return plain(message).split('\n').filter((line) => line.trim() !== '').slice(0, LINES_PER_FAILURE).map((line) => `    ${line}`).join('\n');
}

class FailuresLast {
  onRunComplete(_contexts, results) {
    const failures = [];
    for (const file of results.testResults) {
      const where = path.relative(ROOT, file.testFilePath);
      if (file.testExecError) failures.push(`  ${where}: the file did not run\n${brief(file.testExecError.message ?? String(file.testExecError))}`);
      for (const test of file.testResults) {
        if (test.status === 'failed') failures.push(`  ${where} › ${test.fullName}\n${brief(test.failureMessages.join('\n'))}`);
      }
    }
    if (failures.length === 0) return;
    process.stderr.write(`\nFailed (${failures.length}), repeated here so the end of the log names them:\n${failures.join('\n\n')}\n`);
  }
}

module.exports = FailuresLast;
