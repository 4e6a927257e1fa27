/**
 * The plugin's jobs config appends to the host's: the host's tasks, autoRun and other settings stay, ours
 * (notifications, article email, reconcile) are added; Payload's `schedulePublish` task covers articles and
 * videos and is run once per job (wrapped at init, with retries).
 */
import type { TaskConfig } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { newsroomPlugin } from '../src/index.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

const hostTask: TaskConfig = { slug: 'hostTask', handler: async () => ({ output: {} }) }
const autoRun = [{ cron: '* * * * *', limit: 5, queue: 'default' }]

describe('jobs config', () => {
  it('appends to the host jobs config and keeps its autoRun', () => {
    const config = newsroomPlugin()({ jobs: { autoRun, deleteJobOnComplete: false, tasks: [hostTask] } } as never)
    expect(config.jobs?.autoRun).toBe(autoRun)
    expect(config.jobs?.deleteJobOnComplete).toBe(false)
    const slugs = (config.jobs?.tasks ?? []).map((task) => task.slug)
    expect(slugs[0]).toBe('hostTask')
    expect(slugs).toEqual(expect.arrayContaining(['newsroomReconcile', 'newsroomSendArticleEmail']))
  })

  describe('at init', () => {
    let app: NewsroomTestApp
    beforeAll(async () => {
      app = await startNewsroomApp({}, { jobs: { tasks: [hostTask] } })
    })
    afterAll(() => app?.shutdown())

    it('schedulePublish covers articles and videos, runs once per job and retries', () => {
      const task = app.payload.config.jobs.tasks?.find((t) => t.slug === 'schedulePublish')
      expect(task).toBeDefined()
      const doc = task!.inputSchema?.find((field) => 'name' in field && field.name === 'doc') as {
        relationTo?: string[]
      }
      expect(doc.relationTo).toEqual(expect.arrayContaining(['articles', 'videos']))
      expect((task!.handler as { name?: string }).name).not.toBe('handler')
      expect(task!.retries).toMatchObject({ attempts: 10 })
      expect(app.payload.config.jobs.tasks?.some((t) => t.slug === 'hostTask')).toBe(true)
    })
  })
})
