// The portal: sign-in, the screens for each kind of account, and what
// happens when something goes wrong. Routes are in the address's hash
// (#/plan), so the back button works and nothing reaches the server.

import * as api from "./api.js";
import { h, show, problem, loadGlossary } from "./ui.js";
import * as child from "./child.js";
import * as parent from "./parent.js";
import * as staff from "./staff.js";
import * as notices from "./notices.js";

let me = null;

const ME = `{ me { id role displayName roleLabel child { id preferredName } children { id preferredName } } }`;

// What each kind of account sees: its navigation and its screens.
function screensFor(role) {
  switch (role) {
    case "CHILD":
      return child;
    case "PARENT":
      return parent;
    default:
      return staff;
  }
}

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  return hash.startsWith("/") ? hash : "/";
}

async function render() {
  if (!me) {
    return signInScreen();
  }
  const screens = screensFor(me.role);
  drawNav(screens.nav(me));
  const path = route();
  try {
    if (path === "/messages") {
      await notices.screen(me);
    } else {
      await screens.screen(path, me);
    }
  } catch (e) {
    failed(e);
  }
}

// failed shows what went wrong in Kite's words, never a blank page. An
// ended session goes back to sign-in; anything typed stays in memory.
function failed(e) {
  if (e instanceof api.SessionEnded) {
    const kept = child.keptDraft() ? " What you typed is kept: sign in again to carry on." : "";
    me = null;
    return signInScreen(e.message + kept);
  }
  const message = e instanceof api.ApiError ? e.message : "Something went wrong in the portal. Please try again.";
  if (!(e instanceof api.ApiError)) console.error(e);
  show("Something went wrong", problem(message),
    h("p", {}, h("button", { type: "button", class: "button", onclick: () => render() }, "Try again")));
}

// Every screen reports its errors here, whether thrown at once or later
// (a button pressed on a screen already shown).
window.addEventListener("kite:error", (ev) => failed(ev.detail));

function drawNav(items) {
  const nav = document.getElementById("nav");
  const current = route();
  const links = items.map(([label, path]) =>
    h("li", {}, h("a", { href: "#" + path, "aria-current": current === path ? "page" : null }, label)));
  links.push(h("li", {}, h("a", { href: "#/messages", "aria-current": current === "/messages" ? "page" : null }, "Messages")));
  links.push(h("li", {}, h("button", { type: "button", class: "link", onclick: signOut }, "Sign out")));
  nav.replaceChildren(h("ul", {}, links));
  nav.hidden = false;
}

async function signOut() {
  child.forgetDraft();
  await api.signOut();
  me = null;
  history.replaceState(null, "", location.pathname);
  signInScreen("You have signed out.");
}

// What a sign-in through an organisation's identity provider can come back
// with (docs/api.md), in plain words.
const providerErrors = {
  cancelled: "The sign-in was cancelled.",
  expired: "The sign-in took too long or was already used. Please start again.",
  provider_unavailable: "Kite could not reach your organisation's sign-in. Please try again in a few minutes.",
  token_refused: "Your organisation's sign-in could not be checked. Please try again.",
  email_not_verified: "Your organisation has not confirmed your email address.",
  email_domain_not_allowed: "That email address is not one this council uses with Kite.",
  no_account: "There is no Kite account for you yet. Ask your Kite administrator.",
  account_disabled: "Your Kite account is switched off. Ask your Kite administrator.",
  ambiguous: "Kite could not tell which account is yours. Ask your Kite administrator.",
  linked_to_another_sign_in: "Your Kite account is linked to someone else's sign-in. Ask your Kite administrator.",
  group_role_withdrawn: "Your organisation no longer gives you this role in Kite. Ask your Kite administrator.",
};

function signInScreen(message) {
  document.getElementById("nav").hidden = true;
  const user = h("input", { id: "username", name: "username", autocomplete: "username", required: true, autocapitalize: "none", spellcheck: "false" });
  const pass = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const status = h("div", {});
  const form = h("form", { class: "signin", novalidate: true },
    h("div", { class: "field" }, h("label", { for: "username" }, "Your username"), user),
    h("div", { class: "field" }, h("label", { for: "password" }, "Your password"), pass),
    h("button", { type: "submit", class: "button primary" }, "Sign in"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!user.value.trim() || !pass.value) {
      status.replaceChildren(problem("Please type your username and your password."));
      return;
    }
    status.replaceChildren(h("p", { role: "status" }, "Signing in…"));
    try {
      await api.signIn(user.value, pass.value);
      await afterSignIn();
    } catch (e) {
      status.replaceChildren(problem(e.message));
      pass.focus();
    }
  });
  show("Sign in to Kite", message ? problem(message) : null, status, form,
    h("p", { class: "hint" }, "If you have forgotten your password, ask the person who gave you your account."));
}

async function afterSignIn() {
  const data = await api.gql(ME);
  me = data.me;
  if (child.keptDraft() && child.keptDraft().userId !== me.id) {
    child.forgetDraft(); // someone else's words are never shown to another account
  }
  await loadGlossary().catch(() => {});
  if (child.keptDraft() && route() !== "/form") {
    location.hash = "#/form"; // hashchange draws it
    return;
  }
  await render();
}

async function start() {
  window.addEventListener("hashchange", render);
  const hash = location.hash;
  // Back from an organisation's sign-in: swap the one-time code.
  const params = new URLSearchParams(hash.startsWith("#code=") || hash.startsWith("#error=") ? hash.slice(1) : "");
  if (params.has("code") || params.has("error")) {
    history.replaceState(null, "", location.pathname);
    if (params.has("error")) {
      return signInScreen(providerErrors[params.get("error")] || "The sign-in did not work. Please try again.");
    }
    try {
      await api.signInWithCode(params.get("code"));
      return await afterSignIn();
    } catch (e) {
      return signInScreen(e.message);
    }
  }
  // A page opened afresh: carry on the session if the cookie still holds one.
  try {
    await api.refresh();
    await afterSignIn();
  } catch (e) {
    if (e instanceof api.ApiError && e.code === "OFFLINE") {
      return signInScreen(e.message);
    }
    signInScreen();
  }
}

start();
