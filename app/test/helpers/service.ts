// Start the service in-process on 127.0.0.1 with an OS-chosen port.

import { DEFAULTS, type Config } from '../../src/config';
import { createService, type Service } from '../../src/service';
import { request } from '../../scripts/lib/http-client';
import { parseExposition, type Exposition } from '../../scripts/lib/prom-text';

export interface Running {
  service: Service;
  baseUrl: string;
  port: number;
  scrape(): Promise<Exposition>;
  stop(): Promise<void>;
}

/** Defaults, except no drain: in-process tests stop services often and test the drain explicitly. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...DEFAULTS, host: '127.0.0.1', greetingFile: undefined, shutdownDrainSec: 0, ...overrides, port: 0 };
}

export async function startService(overrides: Partial<Config> = {}, random?: () => number): Promise<Running> {
  const service = createService(testConfig(overrides), random ? { random } : {});
  const address = await service.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    service,
    baseUrl,
    port: address.port,
    async scrape() {
      const res = await request(`${baseUrl}/metrics`);
      if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
      return parseExposition(res.body);
    },
    async stop() {
      service.forceClose();
      await service.shutdown();
    },
  };
}
