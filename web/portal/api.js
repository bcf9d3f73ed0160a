// The portal's only ways to Kite: the public GraphQL API at /query, and the
// browser session routes at /auth/browser/ (sign in, refresh, sign out).
// The access token lives in this module's memory only; the refresh token is
// an HttpOnly cookie the page never sees.

let accessToken = null;

// An error from Kite, in Kite's own plain words.
export class ApiError extends Error {
  constructor(message, code, field) {
    super(message);
    this.code = code || "INTERNAL";
    this.field = field || null;
  }
}

// The session has ended and could not be refreshed: sign in again.
export class SessionEnded extends ApiError {
  constructor() {
    super("You have been signed out. Please sign in again.", "UNAUTHENTICATED");
  }
}

const offline = "Kite cannot be reached just now. Check that you are online, then try again.";

// browser posts to a browser session route, with the header that shows it
// comes from this portal (the server refuses these routes without it).
async function browser(route, body) {
  let res;
  try {
    res = await fetch("/auth/browser/" + route, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Kite-Browser": "1" },
      body: JSON.stringify(body || {}),
    });
  } catch {
    throw new ApiError(offline, "OFFLINE");
  }
  const out = await res.json().catch(() => ({}));
  if (!res.ok || out.errors) {
    const e = (out.errors && out.errors[0]) || {};
    throw new ApiError(e.message || offline, e.extensions && e.extensions.code);
  }
  return out;
}

export async function signIn(username, password) {
  const out = await browser("login", { username, password });
  accessToken = out.accessToken;
}

export async function signInWithCode(code) {
  const out = await browser("staff", { code });
  accessToken = out.accessToken;
}

let refreshing = null;

// refresh swaps the refresh cookie for a new access token. Two tabs must not
// present the same cookie at once (Kite would take the second as a stolen
// copy and end the session), so tabs take turns through a Web Lock.
export function refresh() {
  if (!refreshing) {
    const run = () => browser("refresh").then((out) => { accessToken = out.accessToken; });
    const locked = navigator.locks ? navigator.locks.request("kite-refresh", run) : run();
    refreshing = locked.finally(() => { refreshing = null; });
  }
  return refreshing;
}

export async function signOut() {
  accessToken = null;
  await browser("logout").catch(() => {});
}

export function signedIn() {
  return accessToken !== null;
}

async function post(query, variables) {
  let res;
  try {
    res = await fetch("/query", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        Authorization: "Bearer " + accessToken,
      },
      body: JSON.stringify({ query, variables: variables || {} }),
    });
  } catch {
    throw new ApiError(offline, "OFFLINE");
  }
  return res.json().catch(() => ({ errors: [{ message: offline, extensions: { code: "INTERNAL" } }] }));
}

// gql runs a query or mutation. An expired access token is refreshed once
// and the request sent again; if that fails the session has ended.
export async function gql(query, variables) {
  if (accessToken === null) {
    throw new SessionEnded();
  }
  let out = await post(query, variables);
  if (unauthenticated(out)) {
    try {
      await refresh();
    } catch {
      accessToken = null;
      throw new SessionEnded();
    }
    out = await post(query, variables);
    if (unauthenticated(out)) {
      accessToken = null;
      throw new SessionEnded();
    }
  }
  if (out.errors && out.errors.length) {
    const e = out.errors[0];
    const ext = e.extensions || {};
    throw new ApiError(e.message, ext.code, ext.field);
  }
  return out.data;
}

function unauthenticated(out) {
  return !!(out.errors && out.errors.some((e) => e.extensions && e.extensions.code === "UNAUTHENTICATED"));
}

// Public queries need no sign-in (the glossary, plain words for choices).
export async function publicQuery(query) {
  let res;
  try {
    res = await fetch("/query", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query }),
    });
  } catch {
    throw new ApiError(offline, "OFFLINE");
  }
  const out = await res.json();
  if (out.errors && out.errors.length) {
    throw new ApiError(out.errors[0].message, (out.errors[0].extensions || {}).code);
  }
  return out.data;
}
