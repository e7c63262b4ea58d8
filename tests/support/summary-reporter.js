const path = require('node:path');

/**
 * Ends Jest's output with the slowest suites (to keep CI within its time) and one plain line that CI reads:
 * "N passed, N failed, N skipped".
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const slowest = results.testResults
      .map((suite) => ({ file: path.relative(process.cwd(), suite.testFilePath), seconds: (suite.perfStats.end - suite.perfStats.start) / 1000 }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 15);
    if (slowest.length > 1) {
      process.stdout.write(`\nslowest suites:\n${slowest.map((s) => `  ${s.seconds.toFixed(1).padStart(7)} s  ${s.file}`).join('\n')}\n`);
    }
    process.stdout.write(
      `\n${results.numPassedTests} passed, ${results.numFailedTests + results.numRuntimeErrorTestSuites} failed, ${results.numPendingTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
