// Seeds the demo organisation into DATABASE_URL with the built backend (dist/backend), like
// `varn seed-demo`, but with a clock that never stands between 00:00 and 10:00 Swedish time:
// the demo seeder performs some case actions "N days and up to 8 hours ago", dated the day of
// "N days ago", and the service refuses an action dated after its own today — which is what such
// a step becomes when the seeder runs in the small hours (one more hour when N days ago was
// summer time); it then fails with "Ange ett datum som har varit". In those hours this clock
// stands at noon of the day before (running on from there); otherwise it is the real one.
const { join } = require('node:path');

const DIST = join(__dirname, '..', '..', 'dist', 'backend');
const { createApp } = require(join(DIST, 'app.factory.js'));
const { Clock } = require(join(DIST, 'core', 'clock', 'clock.js'));
const { loadConfig } = require(join(DIST, 'core', 'config', 'config.js'));
const { DemoSeeder } = require(join(DIST, 'demo', 'demo.seeder.js'));

const HOUR = 3_600_000;

/** Hours to step back so that Stockholm's local hour is 10 or later (12:xx the day before). */
function shiftHours(now) {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Stockholm',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(now),
  );
  return hour < 10 ? hour + 12 : 0;
}

class SeedClock extends Clock {
  constructor() {
    super();
    this.offset = shiftHours(new Date()) * HOUR;
  }
  now() {
    return new Date(Date.now() - this.offset);
  }
}

async function main() {
  const config = loadConfig({ ...process.env, VARN_DEMO: 'true' });
  const clock = new SeedClock();
  const app = await createApp(
    { ...config, staticDir: null, http: { ...config.http, apiDocs: false } },
    { logger: false, clock },
  );
  try {
    const created = await app.get(DemoSeeder).seedIfEmpty();
    console.log(created ? 'Demo data created.' : 'Demo data already present.');
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error('seed failed:', e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
