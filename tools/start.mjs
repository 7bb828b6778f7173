// npm start — production start: NODE_ENV=production, requires VARN_MASTER_KEY, never creates demo users.
import { backendBuilt, build, exec } from './lib.mjs';

if (!backendBuilt()) build(['backend', 'frontend']);
exec('dist/backend/main.js', [], { ...process.env, NODE_ENV: 'production' });
