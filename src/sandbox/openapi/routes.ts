// Matches a concrete request path to the description's path template (literal segments win over {params}).
import type { JsonObject } from './errata.js';

export interface RouteMatch {
  template: string;
  operation: JsonObject;
  /** Parameters declared on the path item (shared by its operations). */
  itemParameters: JsonObject[];
  params: Record<string, string>;
}

interface Route {
  template: string;
  regex: RegExp;
  names: string[];
  literalSegments: number;
  item: JsonObject;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export function createRouter(paths: JsonObject): (method: string, path: string) => RouteMatch | undefined {
  const routes: Route[] = Object.entries(paths).map(([template, item]) => {
    const names: string[] = [];
    const pattern = template
      .split('/')
      .map((seg) => {
        const m = /^\{(.+)\}$/.exec(seg);
        if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]!);
        return '([^/]+)';
      })
      .join('/');
    return {
      template,
      regex: new RegExp(`^${pattern}/?$`),
      names,
      literalSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length,
      item: item as JsonObject,
    };
  });
  routes.sort((a, b) => b.literalSegments - a.literalSegments);
  return (method, path) => {
    const m = method.toLowerCase();
    if (!METHODS.includes(m)) return undefined;
    const pathname = path.split('?')[0]!;
    for (const r of routes) {
      const op = r.item[m];
      if (!op) continue;
      const hit = r.regex.exec(pathname);
      if (!hit) continue;
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(hit[i + 1]!)]));
      const itemParameters = (r.item.parameters ?? []) as JsonObject[];
      return { template: r.template, operation: op as JsonObject, itemParameters, params };
    }
    return undefined;
  };
}
