import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './core/config/config';
import { DemoSeeder } from './demo/demo.seeder';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(
        `Värn startar inte – felaktig konfiguration.\n${e.message}\nSe .env.example och docs/deployment.md.`,
      );
      process.exit(78);
    }
    throw e;
  }
  const app = await createApp(config);
  const logger = new Logger('Varn');
  if (config.demo) {
    const created = await app.get(DemoSeeder).seedIfEmpty();
    logger.log(created ? 'Demo data created (demo mode)' : 'Demo data already present (demo mode)');
  }
  await app.listen(config.port, config.host);
  const where = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.log(
    `Värn is listening on http://${where}:${config.port} (${config.database.type}${config.demo ? ', DEMO' : ''})`,
  );
}

main().catch((e: unknown) => {
  console.error('Värn failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
