import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { AppConfig } from '../config/config';

/** Nest's boot chatter (one line per module and route) is only shown at debug level. */
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * Nest's console logger with two changes: boot chatter is debug-only, and in the human-readable
 * format a structured message (e.g. a request line) is printed on one line instead of eight.
 */
export class VarnLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && BOOT_CONTEXTS.has(context) && !this.isLevelEnabled('debug'))
      return;
    super.log(this.oneLine(message), ...rest);
  }

  private oneLine(message: unknown): unknown {
    if (this.options.json || !message || typeof message !== 'object') return message;
    const m = message as Record<string, unknown>;
    if (m['msg'] === 'request')
      return `${String(m['method'])} ${String(m['path'])} ${String(m['status'])} ${String(m['ms'])} ms [${String(m['requestId'])}]`;
    return JSON.stringify(message);
  }
}

export function createLogger(config: AppConfig): VarnLogger {
  const levels: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug'];
  return new VarnLogger({
    json: config.log.json,
    logLevels: levels.slice(0, levels.indexOf(config.log.level) + 1),
    prefix: 'Varn',
  });
}
