// A node:test reporter that writes one JSON line per failed test: its name and its file. `npm test`
// (scripts/test-all.mjs) reads it to run the browser test files that failed a second time.
export default async function* failedTests(source) {
  for await (const event of source) {
    if (event.type === 'test:fail') {
      // A suite or file that failed only because a test in it did says so (failureType
      // 'subtestsFailed'): the test is the one worth naming.
      const becauseOfSubtests = event.data.details?.error?.failureType === 'subtestsFailed';
      yield `${JSON.stringify({ name: event.data.name, file: event.data.file ?? null, becauseOfSubtests })}\n`;
    }
  }
}
