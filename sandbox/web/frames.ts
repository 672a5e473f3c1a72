import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { SandboxUser } from '../jira/types';
import { SANDBOX_CLOUD_ID } from '../runtime/host';
import type { UiModule, WebAppConfig } from './app-config';
import type { ColorMode } from './session';

/**
 * Frame tokens. Every app iframe the server renders gets an unguessable token bound to what the page decided: the
 * module, the extension context (which issue, project or request) and the account of the cookie at render time.
 * The bridge script sends only the token; the server looks everything else up here, so a page cannot speak for
 * another account or another issue, whatever it puts in its own requests.
 */
export interface FrameBinding {
  token: string;
  module: UiModule;
  /** The resource whose files the frame shows (the module's own, or a modal's). */
  resourceKey: string;
  /** The module's extension context, without `type` (added from the module). */
  extension: Record<string, unknown>;
  accountId: string;
  accountType: 'licensed' | 'customer';
  locale: string;
  timezone: string;
  colorMode: ColorMode;
  siteUrl: string;
  /** A modal opened by another frame: its opener and the context the app passed to `new Modal({context})`. */
  modal?: { opener: string; context: unknown };
  issuedAt: number;
  /** Real-time stamps (ms) of the invoke calls in the current rate window. */
  invokes: number[];
}

/** Forge's bridge limit: 500 invoke calls in 25 s per page. */
export const INVOKE_LIMIT = 500;
export const INVOKE_WINDOW_MS = 25_000;
/** A page left open longer than this must be reloaded (Forge's own context tokens expire too). */
const TOKEN_TTL_MS = 12 * 3600 * 1000;
const MAX_FRAMES = 5000;

export class FrameRegistry {
  private readonly frames = new Map<string, FrameBinding>();

  issue(init: { module: UiModule; resourceKey?: string; extension: Record<string, unknown>; user: SandboxUser; colorMode: ColorMode; siteUrl: string; modal?: FrameBinding['modal'] }): FrameBinding {
    const binding: FrameBinding = {
      token: randomBytes(24).toString('base64url'),
      module: init.module,
      resourceKey: init.resourceKey ?? init.module.resource,
      extension: init.extension,
      accountId: init.user.accountId,
      accountType: init.user.kind === 'customer' ? 'customer' : 'licensed',
      locale: init.user.locale,
      timezone: init.user.timeZone,
      colorMode: init.colorMode,
      siteUrl: init.siteUrl,
      ...(init.modal ? { modal: init.modal } : {}),
      issuedAt: performance.now(),
      invokes: [],
    };
    this.frames.set(binding.token, binding);
    // Oldest first (insertion order): a long session never grows without bound.
    for (const token of this.frames.keys()) {
      if (this.frames.size <= MAX_FRAMES) break;
      this.frames.delete(token);
    }
    return binding;
  }

  get(token: string): FrameBinding | undefined {
    const binding = this.frames.get(token);
    if (!binding) return undefined;
    if (performance.now() - binding.issuedAt > TOKEN_TTL_MS) {
      this.frames.delete(token);
      return undefined;
    }
    return binding;
  }

  /** Counts one invoke against the frame's window; false (and nothing counted) beyond the limit. */
  takeInvoke(binding: FrameBinding, now = performance.now()): { allowed: boolean; remaining: number; resetMs: number } {
    binding.invokes = binding.invokes.filter((t) => now - t < INVOKE_WINDOW_MS);
    const resetMs = binding.invokes.length ? Math.ceil(INVOKE_WINDOW_MS - (now - binding.invokes[0]!)) : INVOKE_WINDOW_MS;
    if (binding.invokes.length >= INVOKE_LIMIT) return { allowed: false, remaining: 0, resetMs };
    binding.invokes.push(now);
    return { allowed: true, remaining: INVOKE_LIMIT - binding.invokes.length, resetMs };
  }

  clear(): void {
    this.frames.clear();
  }
}

/** The extension of a module as the page's bridge and the resolver see it: `type` first, then the page's facts. */
export function extensionOf(binding: FrameBinding): Record<string, unknown> {
  return { type: binding.module.type, ...binding.extension, ...(binding.modal ? { modal: binding.modal.context } : {}) };
}

/** `view.getContext()`: @forge/bridge's FullContext for this frame. */
export function fullContext(binding: FrameBinding, app: Pick<WebAppConfig, 'appUuid' | 'scopes'>): Record<string, unknown> {
  return {
    accountId: binding.accountId,
    accountType: binding.accountType,
    cloudId: SANDBOX_CLOUD_ID,
    extension: extensionOf(binding),
    environmentId: 'sandbox',
    environmentType: 'DEVELOPMENT',
    license: {
      active: true,
      billingPeriod: 'MONTHLY',
      ccpEntitlementId: 'sandbox-entitlement',
      ccpEntitlementSlug: 'sandbox',
      isEvaluation: false,
      subscriptionEndDate: null,
      supportEntitlementNumber: null,
      trialEndDate: null,
      type: 'commercial',
      modes: null,
    },
    localId: `ari:cloud:ecosystem::extension/${app.appUuid}/sandbox/static/${binding.module.key}`,
    locale: binding.locale,
    moduleKey: binding.module.key,
    siteUrl: binding.siteUrl,
    timezone: binding.timezone,
    theme: { colorMode: binding.colorMode, light: 'light', dark: 'dark', spacing: 'spacing', typography: 'typography' },
    surfaceColor: null,
    userAccess: { enabled: false, hasAccess: true },
    permissions: { scopes: app.scopes, external: {} },
  };
}
