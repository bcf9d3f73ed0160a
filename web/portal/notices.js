// Messages: what Kite has told this account (a reply, a reminder, a
// digest), newest first, in Kite's fixed words.

import { gql } from "./api.js";
import { h, show, when, button, link } from "./ui.js";

export async function screen(me) {
  const { me: m } = await gql(`{ me { notifications(first: 30) { edges { node { id title message createdAt readAt
    about { id __typename } } } } } }`);
  const list = m.notifications.edges.map((e) => e.node);
  const unread = list.filter((n) => !n.readAt).length;
  show("Messages",
    h("p", { class: "lead" }, unread ? `${unread} new` : "Nothing new."),
    unread ? button("Mark them all as read", async () => {
      await gql(`mutation { markNotificationsRead(input: {all: true}) { unreadCount } }`);
      await screen(me);
    }) : null,
    list.length ? h("ul", { class: "plain" }, list.map((n) => h("li", { class: n.readAt ? "card" : "card new" },
      h("h2", {}, n.title),
      h("p", {}, n.message),
      h("p", { class: "hint" }, (n.readAt ? "" : "New. ") + when(n.createdAt)),
      open(me, n.about)))) : h("p", {}, "You have no messages yet."));
}

// open links a message to the screen that shows what it is about.
function open(me, about) {
  if (!about) return null;
  if (about.__typename === "WishesAndFeelings") {
    return me.role === "CHILD" ? link("See what happened", "/sent") : link("Open it", `/submission/${about.id}`);
  }
  if (about.__typename === "Child" && me.role !== "CHILD" && me.role !== "PARENT") {
    return link("Open it", `/child/${about.id}`);
  }
  return null;
}
