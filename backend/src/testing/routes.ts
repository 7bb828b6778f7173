import { RequestMethod, type INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, POLICY, type PolicyRequirement } from '../core/authz/decorators';

export interface RouteInfo {
  /** e.g. "GET /api/users/:id" */
  key: string;
  method: string;
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  policy: PolicyRequirement | undefined;
  /** The status a success answers with: @HttpCode, else 201 for POST and 200 for the rest. */
  successStatus: number;
}

/** Every HTTP route the application registers, with its authorization metadata. */
export function listRoutes(app: INestApplication, prefix = '/api'): RouteInfo[] {
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const metatype = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!metatype) continue;
      const base = asArray(
        Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined,
      );
      const proto = metatype.prototype as Record<string, (...args: unknown[]) => unknown>;
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method =
          RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const isPublic =
          (Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, metatype)) ===
          true;
        const policy = (Reflect.getMetadata(POLICY, handler) ??
          Reflect.getMetadata(POLICY, metatype)) as PolicyRequirement | undefined;
        const successStatus =
          (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
          (method === 'POST' ? 201 : 200);
        for (const b of base) {
          for (const p of asArray(paths)) {
            const path = `${prefix}/${b}/${p}`.replace(/\/+/g, '/').replace(/\/$/, '');
            routes.push({
              key: `${method} ${path}`,
              method,
              path,
              controller: metatype.name,
              handler: name,
              isPublic,
              policy,
              successStatus,
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

function asArray(v: string | string[] | undefined): string[] {
  return v === undefined ? [''] : Array.isArray(v) ? v : [v];
}
