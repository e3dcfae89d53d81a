import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import type { GrpcService } from './bridge.js';
import { collectServices } from './service-collector.js';

/** `grpc.health.v1.Health`, reporting one status for the server ('') and each service. */
export interface HealthService {
  services: GrpcService[];
  setServing(serving: boolean): void;
}

export function healthService(serviceNames: readonly string[]): HealthService {
  const names = ['', ...serviceNames];
  const health = new HealthImplementation(
    Object.fromEntries(names.map((name) => [name, 'NOT_SERVING' satisfies ServingStatus])),
  );
  return {
    services: collectServices((server) => health.addToServer(server)),
    setServing(serving) {
      for (const name of names) health.setStatus(name, serving ? 'SERVING' : 'NOT_SERVING');
    },
  };
}
