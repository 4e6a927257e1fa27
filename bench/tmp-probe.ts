import { newsroomPlugin } from '../src/index.js'; console.log(typeof newsroomPlugin)
