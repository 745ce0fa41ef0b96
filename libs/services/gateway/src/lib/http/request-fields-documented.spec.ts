import 'reflect-metadata';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { getMetadataStorage } from 'class-validator';
import { GatewayModule } from '../gateway.module';

// The OpenAPI document can only show the fields that carry @ApiProperty: a validated field of a
// request body without one would vanish from the document unnoticed. Every body class of every
// gateway route must document exactly the fields it validates.
type Class = new (...args: unknown[]) => unknown;

/** Fields the gateway sets itself, whatever a client sends: validated on the bus, not documented. */
const SET_BY_THE_GATEWAY: Record<string, string[]> = { QueryTracesRequest: ['searcher_id'] };

function bodyClasses(): Class[] {
  const controllers: Class[] = Reflect.getMetadata('controllers', GatewayModule);
  const found = new Set<Class>();
  for (const controller of controllers) {
    for (const method of Object.getOwnPropertyNames(controller.prototype)) {
      const args: Record<string, { index: number }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {};
      const types: Class[] = Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? [];
      for (const [key, { index }] of Object.entries(args)) if (key.startsWith(`${RouteParamtypes.BODY}:`)) found.add(types[index]);
    }
  }
  return [...found];
}

const validated = (cls: Class) => [...new Set(getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false).map((m) => m.propertyName))].sort();
const documented = (cls: Class) => ((Reflect.getMetadata('swagger/apiModelPropertiesArray', cls.prototype) ?? []) as string[]).map((p) => p.replace(/^:/, '')).sort();

describe('request bodies in the OpenAPI document', () => {
  it('finds the body classes of the routes', () => {
    expect(bodyClasses().map((c) => c.name)).toEqual(expect.arrayContaining(['TraceInput', 'QueryTracesRequest', 'VoteInput', 'CreateApiKeyRequest']));
  });

  it('documents every field a body class validates, and no other', () => {
    const differences = bodyClasses()
      .map((cls) => ({ body: cls.name, validated: validated(cls).filter((f) => !(SET_BY_THE_GATEWAY[cls.name] ?? []).includes(f)), documented: documented(cls) }))
      .filter((c) => c.validated.join() !== c.documented.join());
    expect(differences).toEqual([]);
  });
});
