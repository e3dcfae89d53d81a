import type { ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { GrpcService } from './bridge.js';

/**
 * Stands in for a `grpc.Server` for libraries that register themselves with
 * `addToServer(server)` (health, reflection): it records their services instead, so the adapter
 * returns them like its own and never touches a real server.
 */
export function collectServices(
  register: (server: { addService: AddService }) => void,
): GrpcService[] {
  const services: GrpcService[] = [];
  register({
    addService(definition, implementation) {
      const first = Object.values(definition)[0];
      const name = first?.path.split('/')[1] ?? 'unknown';
      services.push({ name, definition, implementation });
    },
  });
  return services;
}

type AddService = (
  definition: ServiceDefinition,
  implementation: UntypedServiceImplementation,
) => void;
