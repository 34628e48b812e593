/**
 * Renders every config template of an Ansible layout once per host that deploys it, with that host's
 * variables. A template that cannot be rendered for a host (see jinja/render.ts) is reported with its reason
 * and left to the template-alone check.
 */
import type { Language, WorkspaceProblem } from '../types.js';
import { renderCompiled, type RenderResult } from './jinja/render.js';
import { compileTemplate, type Compiled } from './jinja/template.js';
import { RenderFailure } from './jinja/values.js';
import type { LoadedLayout, Role } from './load.js';
import { planHosts, type Job } from './plan.js';
import { Variables } from './variables.js';

export interface RenderedConfig {
  readonly template: string;
  readonly language: Language;
  readonly host: string;
  /** The rendered text's identity as a file: `<template path>#<host>`. */
  readonly uri: string;
  readonly result: RenderResult;
}

export interface RenderedHost {
  readonly name: string;
  /** Cluster identity: peers are searched among hosts of equal scope. */
  readonly scope: string;
  readonly configs: readonly RenderedConfig[];
}

export interface LayoutRendering {
  readonly hosts: readonly RenderedHost[];
  /** Layout files that could not be used (an unreadable inventory line, a YAML error, a vault-encrypted file). */
  readonly problems: readonly WorkspaceProblem[];
  /** Roles with templates that no play applies (planHosts): their templates are rendered for no host. */
  readonly unapplied: readonly Role[];
}

export const renderedUri = (template: string, host: string) => `${template}#${host}`;

export function renderLayout(layout: LoadedLayout): LayoutRendering {
  const { hosts, unapplied } = planHosts(layout);
  const compiled = new Map<string, Compiled | RenderFailure>();
  const compile = (path: string, text: string) => {
    let c = compiled.get(path);
    if (!c) {
      try {
        c = compileTemplate(text);
      } catch (e) {
        c = e instanceof RenderFailure ? e : new RenderFailure(String(e), 0);
      }
      compiled.set(path, c);
    }
    return c;
  };
  const contexts = new Map<string, Variables>();
  const variables = (job: Job) => {
    const key = `${job.role.dir}\n${job.play ? layout.plays.indexOf(job.play) : -1}`;
    let v = contexts.get(key);
    if (!v) contexts.set(key, (v = new Variables(layout, job.role, job.play, job.targets)));
    return v;
  };
  const rendered = hosts.map((plan) => {
    const seen = new Set<string>();
    const configs: RenderedConfig[] = [];
    for (const job of plan.jobs) {
      const { path, text, language } = job.template;
      if (seen.has(path)) continue;
      seen.add(path);
      const c = compile(path, text);
      const result: RenderResult = c instanceof RenderFailure ? { ok: false, reason: c.message, offset: c.offset } : renderCompiled(text, c, variables(job).env(plan.host));
      configs.push({ template: path, language, host: plan.host, uri: renderedUri(path, plan.host), result });
    }
    return { name: plan.host, scope: plan.scope, configs };
  });
  return { hosts: rendered, problems: layout.problems, unapplied };
}
