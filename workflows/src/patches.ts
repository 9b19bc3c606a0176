/**
 * Every patch in the workflows' code (docs/lifecycle.md, Versioning): a changed command behind
 * `patched(id)`, the old branch kept for the histories that started before it. An id names one
 * change and is never reused.
 */
export const PATCHES = {
  /**
   * The `issue` Update answers once the document is numbered and sealed; distribution follows
   * (children started together, recipients' statuses recorded in batches). Before it, the clerk
   * waited for every recipient's child to start one after another: 44 s for 100 communes.
   */
  distributionAfterIssue: 'distribution-after-issue',
  /**
   * Intake's quick calls (a transition's record, the sender's view of its recipients, the
   * document's number, the signing parties) made by local activities in the intake worker that
   * runs the workflow, not scheduled through the server: an Update that records two transitions
   * answers in one workflow task instead of three.
   */
  localIntakeCalls: 'local-intake-calls',
  /**
   * A copy's Update answers once its transition is recorded; the sender's workflow is told after,
   * its signals chained so that they arrive in order. Before it, each assign, start and complete
   * waited for the signal to reach the sender's workflow: a second workflow task and a trip
   * through the server's transfer queue, the slowest Updates under load.
   */
  copyAnswersBeforeSender: 'copy-answers-before-sender',
} as const;
