import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { EnvironmentVariables } from '@estate/shared';
import { FEATURE_MODULES } from './feature-modules';

/**
 * Issue #22 finding 10: `PATCH /units/{id} {"floorArea": null}` answered 200 and the unit's area
 * became 0; `PATCH /estates/{id} {"timeZone": null}` a 500 (NOT NULL). `@IsOptional()` lets `null`
 * through, and about 70 fields used it. The rule now: a property accepts `null` exactly when its
 * OpenAPI schema says `nullable: true` (the shared `Optional()` / `Nullable()` pair).
 *
 * This walks every class that carries validation rules — every request body, nested body and query
 * of every feature module, so a field added tomorrow is walked too — sends the property as `null`
 * alone, and compares "refused" with the schema's `nullable`.
 */
/** Where @nestjs/swagger keeps a property's @ApiProperty options (DECORATORS.API_MODEL_PROPERTIES). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

interface SwaggerProperty {
  nullable?: boolean;
}

/** Not an API body: the process environment, which never holds a JSON null. */
const NOT_API_BODIES: readonly unknown[] = [EnvironmentVariables];

function validatedClasses(): Map<new () => object, string[]> {
  const storage = getMetadataStorage();
  const targets = (storage as unknown as { validationMetadatas: Map<new () => object, unknown> })
    .validationMetadatas;
  const classes = new Map<new () => object, string[]>();
  for (const target of targets.keys()) {
    if (typeof target !== 'function' || NOT_API_BODIES.includes(target)) continue;
    const properties = storage
      .getTargetValidationMetadatas(target, '', true, false)
      .map((metadata) => metadata.propertyName);
    classes.set(target, [...new Set(properties)]);
  }
  return classes;
}

describe('null is accepted exactly where the OpenAPI schema says nullable', () => {
  const classes = validatedClasses();

  it('walks the request classes of every feature module', () => {
    expect(FEATURE_MODULES.length).toBeGreaterThan(10);
    const names = [...classes.keys()].map((target) => target.name);
    for (const name of [
      'UpdateUnitRequest',
      'UpdateEstateRequest',
      'CreateComplaintRequest',
      'SlaSettingsDto',
    ])
      expect(names).toContain(name);
    expect(classes.size).toBeGreaterThan(100);
  });

  it('every property refuses null unless it is declared nullable, and accepts it when it is', () => {
    const mismatches: string[] = [];
    for (const [target, properties] of classes) {
      for (const property of properties) {
        const declared: SwaggerProperty | undefined = Reflect.getMetadata(
          API_MODEL_PROPERTIES,
          target.prototype,
          property,
        );
        const nullable = declared?.nullable === true;
        const errors = validateSync(plainToInstance(target, { [property]: null }));
        const refused = errors.some((error) => error.property === property);
        if (refused === nullable)
          mismatches.push(
            `${target.name}.${property}: ${nullable ? 'declared nullable but refuses null' : 'accepts null but is not declared nullable'}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });
});
