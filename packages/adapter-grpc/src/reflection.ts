import type { DescFile } from '@bufbuild/protobuf';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { ReflectionService } from '@grpc/reflection';
import type { GrpcService } from './bridge.js';
import { collectServices } from './service-collector.js';

type PackageDefinition = ConstructorParameters<typeof ReflectionService>[0];

/** A file and everything it imports, each once, as serialized FileDescriptorProtos. */
function descriptorSet(files: readonly DescFile[]): Buffer[] {
  const seen = new Map<string, Buffer>();
  const visit = (file: DescFile) => {
    if (seen.has(file.name)) return;
    seen.set(file.name, Buffer.from(toBinary(FileDescriptorProtoSchema, file.proto)));
    for (const dependency of file.dependencies) visit(dependency);
  };
  for (const file of files) visit(file);
  return [...seen.values()];
}

/**
 * Server reflection (v1 and v1alpha) over protobuf-es descriptors, so `buf curl` and grpcurl work
 * without local proto files. Health is described by our generated copy of
 * `grpc/health/v1/health.proto`: the descriptor grpc-health-check carries (re-encoded by
 * proto-loader) does not resolve in `buf curl`; the wire format is the same.
 */
export function reflectionServices(
  services: readonly { typeName: string; file: DescFile }[],
): GrpcService[] {
  const definition: PackageDefinition = {};
  for (const service of services) {
    definition[service.typeName] = {
      format: 'Protocol Buffer 3 DescriptorProto',
      type: {},
      fileDescriptorProtos: descriptorSet([service.file]),
    } as unknown as PackageDefinition[string];
  }
  const reflection = new ReflectionService(definition);
  return collectServices((server) => reflection.addToServer(server));
}
