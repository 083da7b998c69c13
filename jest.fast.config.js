// The fast tier alone (see jest.config.js): `npm run test:fast`. A config of its own rather than `--selectProjects`,
// so that `npm run test:fast -- <path pattern>` filters as `npm test -- <path pattern>` does.
import config from './jest.config.js';

/** @type {import('jest').Config} */
export default { ...config, projects: config.projects.filter((project) => project.displayName === 'fast') };
