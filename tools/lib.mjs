// Small helpers shared by the npm scripts in this folder (plain Node, no dependencies).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const NX_ENV = { NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };

/** Runs a command to completion with inherited output; returns its exit code. */
export function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...NX_ENV, ...env },
  });
  return r.status ?? 1;
}

/** Builds the given Nx projects (Nx's cache makes an unchanged build take a second). */
export function build(projects) {
  const code = run('npx', [
    'nx',
    'run-many',
    '-t',
    'build',
    `--projects=${projects.join(',')}`,
    '--outputStyle=static',
  ]);
  if (code !== 0) {
    console.error('\nBuild failed – see the output above.');
    process.exit(code);
  }
}

export function backendBuilt() {
  return existsSync(join(ROOT, 'dist/backend/main.js'));
}

/** Starts node on a script, forwarding signals, and exits with its code. */
export function exec(script, args, env) {
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

/**
 * Writes generated files (formatted with the project's Prettier config), or with `check`
 * compares them with the committed ones. Returns true when a committed file differs (drift).
 * `command` is what a person runs to regenerate, named in the drift message.
 */
export async function writeGenerated(files, { check, command }) {
  const prettier = createRequire(import.meta.url)('prettier');
  let drift = false;
  for (const [file, content] of files) {
    const path = join(ROOT, file);
    const options = { ...(await prettier.resolveConfig(path)), filepath: path };
    const formatted = await prettier.format(content, options);
    if (!check) {
      writeFileSync(path, formatted);
      console.log(`wrote ${file}`);
      continue;
    }
    const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (old === formatted) console.log(`ok: ${file} matches the backend`);
    else {
      drift = true;
      console.error(
        `DRIFT: ${file} does not match the backend. Run \`${command}\` and commit the result.`,
      );
    }
  }
  return drift;
}
