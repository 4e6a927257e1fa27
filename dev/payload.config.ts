import { buildConfig } from 'payload'

import { devConfig } from './config.js'
import { devDatabase } from './database.js'

export default buildConfig({ ...devConfig, db: devDatabase() })
