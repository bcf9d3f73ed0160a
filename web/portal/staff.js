// The screens of an IRO, a conference chair, a social worker or a manager:
// the caseload (urgent first, with due and overdue reviews and unread
// views), one child's submissions, and reading and answering one.

import { gql } from "./api.js";
import { h, show, problem, card, when, day, button, link, field } from "./ui.js";

export function nav() {
  return [["My caseload", "/"], ["Unread views", "/unread"]];
}

export async function screen(path) {
  let m;
  if ((m = /^\/child\/(.+)$/.exec(path))) return childScreen(m[1]);
  if ((m = /^\/submission\/(.+)$/.exec(path))) return submission(m[1]);
  if (path === "/unread") return unread();
  return caseload();
}

async function caseload() {
  const data = await gql(`{ myCaseload(urgentFirst: true, first: 100) { totalCount edges { node { id preferredName age
      unreadSubmissionCount nextMeetingDue { kindLabel dueBy overdue meeting { scheduledFor } } } } }
    receivedSubmissions(unreadOnly: true, limit: 100) { needsToTalkToday child { id } } }`);
  const urgent = new Set(data.receivedSubmissions.filter((s) => s.needsToTalkToday && s.child).map((s) => s.child.id));
  const children = data.myCaseload.edges.map((e) => e.node);
  const overdue = children.filter((c) => c.nextMeetingDue && c.nextMeetingDue.overdue).length;
  const count = (n, one, many) => `${n === 0 ? "No" : n} ${n === 1 ? one : many}`;
  show("My caseload",
    h("p", { class: "lead" }, `${count(children.length, "child", "children")}. ${count(urgent.size, "wants", "want")} to talk to someone today. ${count(overdue, "meeting", "meetings")} overdue.`),
    children.length ? h("ul", { class: "plain caseload" }, children.map((c) => h("li", { class: urgent.has(c.id) ? "card urgent-card" : "card" },
      h("h2", {}, h("a", { href: `#/child/${c.id}` }, c.preferredName), c.age !== null ? `, ${c.age}` : ""),
      urgent.has(c.id) ? h("p", { class: "flag urgent-flag" }, "Wants to talk to someone today") : null,
      dueLine(c.nextMeetingDue),
      h("p", {}, c.unreadSubmissionCount ? `${c.unreadSubmissionCount} sent and not read yet` : "Nothing unread")))) : h("p", {}, "No children are allocated to you."));
}

function dueLine(due) {
  if (!due) return h("p", {}, "No meeting due");
  const planned = due.meeting && due.meeting.scheduledFor ? `, planned for ${when(due.meeting.scheduledFor)}` : "";
  return due.overdue
    ? h("p", { class: "flag late" }, `${due.kindLabel} overdue: due by ${day(due.dueBy)}${planned}`)
    : h("p", {}, `${due.kindLabel} due by ${day(due.dueBy)}${planned}`);
}

async function unread() {
  const { receivedSubmissions } = await gql(`{ receivedSubmissions(unreadOnly: true, limit: 100) { id needsToTalkToday submittedAt statusLabel
    child { id preferredName } } }`);
  show("Unread views", receivedSubmissions.length ? h("ul", { class: "plain" }, receivedSubmissions.map((s) => h("li", { class: "card" },
    h("h2", {}, h("a", { href: `#/submission/${s.id}` }, `${s.child ? s.child.preferredName : "A child"}, sent ${when(s.submittedAt)}`)),
    s.needsToTalkToday ? h("p", { class: "flag urgent-flag" }, "Wants to talk to someone today") : null,
    h("p", {}, s.statusLabel)))) : h("p", {}, "You have read everything sent to you."));
}

const SUB = `id status statusLabel shareLabel needsToTalkToday helpedByLabel submittedAt firstReadAt reply respondedAt
  meeting { kindLabel scheduledFor }`;

async function childScreen(id) {
  const { child } = await gql(`query($id: ID!) { child(id: $id) { id preferredName age
    nextMeetingDue { kindLabel dueBy overdue meeting { scheduledFor } }
    submissions(first: 50, orderBy: {field: CREATED_AT, direction: DESC}) { edges { node { ${SUB} } } }
    parentViews { id statusLabel submittedAt } } }`, { id });
  if (!child) {
    return show("Not found", problem("This child is not on your caseload, or the link is wrong."), link("My caseload", "/"));
  }
  const sent = child.submissions.edges.map((e) => e.node).filter((s) => s.status !== "DRAFT");
  show(child.preferredName,
    child.age !== null ? h("p", { class: "lead" }, `${child.age} years old`) : null,
    dueLine(child.nextMeetingDue),
    card("What they sent", sent.length ? h("ul", { class: "plain" }, sent.map((s) => h("li", {},
      h("a", { href: `#/submission/${s.id}` }, `Sent ${when(s.submittedAt)}`),
      s.needsToTalkToday ? h("span", { class: "flag urgent-flag" }, " Wants to talk today") : null,
      h("p", { class: "hint" }, `${s.statusLabel}. ${s.shareLabel}.`)))) : h("p", {}, "Nothing sent yet.")),
    child.parentViews.length ? card("Parents' views", h("ul", { class: "plain" }, child.parentViews.filter((v) => v.submittedAt).map((v) =>
      h("li", {}, `Sent ${when(v.submittedAt)}: ${v.statusLabel}`)))) : null,
    link("Back to my caseload", "/"));
}

async function submission(id) {
  const { node: s } = await gql(`query($id: ID!) { node(id: $id) { ... on WishesAndFeelings { ${SUB}
    answers { questionKey value }
    child { id preferredName wishesAndFeelingsForm { questions { key prompt options { key label } } } } } } }`, { id });
  if (!s || !s.id) {
    return show("Not found", problem("You cannot open this. It may have been shared with fewer people, or the link is wrong."), link("My caseload", "/"));
  }
  const questions = Object.fromEntries(((s.child && s.child.wishesAndFeelingsForm) ? s.child.wishesAndFeelingsForm.questions : []).map((q) => [q.key, q]));
  const words = (a) => {
    const q = questions[a.questionKey];
    if (!q || !q.options.length) return a.value;
    return a.value.split(",").map((k) => (q.options.find((o) => o.key === k) || { label: k }).label).join(", ");
  };
  const area = h("div", {});
  const reply = h("textarea", { rows: "5", maxlength: "2000" });
  const name = s.child ? s.child.preferredName : "the child";
  show(`From ${name}`,
    s.needsToTalkToday ? h("p", { class: "flag urgent-flag" }, `${name} needs to talk to someone today.`) : null,
    h("p", {}, `Sent ${when(s.submittedAt)}. ${s.statusLabel}. ${s.shareLabel}. Helped by: ${s.helpedByLabel}.`),
    s.meeting ? h("p", {}, `For the ${s.meeting.kindLabel.toLowerCase()}${s.meeting.scheduledFor ? " on " + when(s.meeting.scheduledFor) : ""}.`) : null,
    card("What they said", (s.answers || []).length ? h("dl", { class: "answers" }, s.answers.map((a) => [
      h("dt", {}, questions[a.questionKey] ? questions[a.questionKey].prompt : a.questionKey), h("dd", {}, words(a))])) : h("p", {}, "No answers: only that they want to talk.")),
    s.firstReadAt ? h("p", {}, `First read ${when(s.firstReadAt)}.`) : button("Mark as read", async () => {
      await answer(() => gql(`mutation($id: ID!) { markSubmissionRead(id: $id) { id } }`, { id }), area);
    }),
    s.reply ? card("Your reply", h("p", {}, s.reply), h("p", { class: "hint" }, when(s.respondedAt))) : h("form", { class: "form", novalidate: true, onsubmit: (ev) => ev.preventDefault() },
      field("reply", `Reply to ${name}`, "Use plain, kind words. They will see it in Kite.", reply),
      button("Send the reply", async () => {
        if (!reply.value.trim()) {
          area.replaceChildren(problem("Please write a reply first."));
          return;
        }
        await answer(() => gql(`mutation($id: ID!, $m: String!) { respondToSubmission(id: $id, message: $m) { id } }`, { id, m: reply.value }), area);
      }, { class: "button primary" })),
    area,
    s.child ? link(`Back to ${name}`, `/child/${s.child.id}`) : null);
}

// answer runs a change and shows the submission again, or the problem.
async function answer(change, area) {
  try {
    await change();
  } catch (e) {
    if (e.code === "UNAUTHENTICATED") throw e;
    area.replaceChildren(problem(e.message));
    return;
  }
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}
