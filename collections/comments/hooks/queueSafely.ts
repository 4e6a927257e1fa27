import type { PayloadRequest } from 'payload'

/** Queues a job without ever failing the comment: a queue problem is logged, the comment is kept. */
export const queueSafely = async (req: PayloadRequest, task: string, input: Record<string, unknown>): Promise<void> => {
  try {
    await req.payload.jobs.queue({ input, req, task } as Parameters<typeof req.payload.jobs.queue>[0])
  } catch (error) {
    req.payload.logger.error({ err: error, msg: `payload-plugin-newsroom: could not queue ${task}` })
  }
}
