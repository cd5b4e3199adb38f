// The web app's only script (served from /static, as the Content-Security-Policy demands).
// Pages work without it; with it they update themselves:
//   - an add job's page and a maintenance task's page poll their progress;
//   - a story page whose brief is being prepared reloads once the brief is ready;
//   - following a citation opens the source it points into, and the cited sentence links back;
//   - the stories list offers the stories that arrived since it was loaded;
//   - a story's Share button (where the browser can share or copy a link).
// Text from articles is placed with textContent, never parsed as HTML.
"use strict";

const POLL_MS = 500;
const BRIEF_POLL_MS = 500;
const LIST_POLL_MS = 30000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  return response.ok ? response.json() : null;
}

// ---------------------------------------------------------------- add jobs

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.appendChild(td);
  return td;
}

function resultRow(result) {
  const row = document.createElement("tr");
  row.className = result.status;
  cell(row, result.input);
  cell(row, result.reason ? `${result.status}: ${result.reason}` : result.status);
  cell(row, result.title || "");
  const story = cell(row, "");
  if (result.story) {
    const link = document.createElement("a");
    link.href = `/stories/${encodeURIComponent(result.story)}`;
    link.textContent = result.story_title || "the story";
    story.appendChild(link);
  }
  return row;
}

function showJob(job) {
  document.getElementById("job-progress").max = job.total;
  document.getElementById("job-progress").value = job.finished;
  const status = `${job.finished} of ${job.total} inputs done` + (job.done ? " · finished" : "");
  document.getElementById("job-status").textContent = job.error ? `${status} · ${job.error}` : status;
  document.getElementById("job-results").replaceChildren(...job.results.map(resultRow));
  const hint = document.getElementById("job-hint");
  if (job.done && hint) hint.remove();
}

// Ask `url` every POLL_MS and show each answer until it says it is done; then mark `section` done.
async function poll(section, url, show) {
  for (;;) {
    const state = await getJSON(url);
    if (!state) return;
    show(state);
    if (state.done) {
      section.dataset.done = "true";
      return;
    }
    await sleep(POLL_MS);
  }
}

// ---------------------------------------------------------------- maintenance tasks

function showTask(task) {
  const progress = document.getElementById("task-progress");
  const seconds = Math.round(task.seconds);
  let status = `Working for ${seconds} s…`;
  if (task.done) {
    progress.max = 1;
    progress.value = 1;
    status = task.error ? `Stopped after ${seconds} s` : `Done in ${seconds} s`;
  }
  document.getElementById("task-status").textContent = status;
  const lines = task.summary.map((line) => {
    const li = document.createElement("li");
    li.textContent = line;
    return li;
  });
  if (task.error) {
    const li = document.createElement("li");
    li.className = "problem";
    li.textContent = task.error;
    lines.push(li);
  }
  document.getElementById("task-summary").replaceChildren(...lines);
  const hint = document.getElementById("task-hint");
  if (task.done && hint) hint.remove();
}

// ---------------------------------------------------------------- a story page

async function waitForBrief(notice) {
  const url = `/api/stories/${encodeURIComponent(notice.dataset.story)}/status`;
  for (;;) {
    await sleep(BRIEF_POLL_MS);
    const status = await getJSON(url);
    if (status && status.ready) {
      location.reload();
      return;
    }
  }
}

// A citation points into a source whose text is folded: open it, then show the sentence.
function openTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  for (let node = target.parentElement; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
  target.scrollIntoView({ block: "center" });
}

// Each cited sentence links back to the first claim that cites it.
function linkBack() {
  const claims = new Map();
  for (const link of document.querySelectorAll("sup.cite a[href^='#src-']")) {
    const claim = link.closest("[id]");
    const target = link.getAttribute("href").slice(1);
    if (claim && !claims.has(target)) claims.set(target, claim.id);
  }
  for (const [target, claim] of claims) {
    const span = document.getElementById(target);
    if (!span) continue;
    const back = document.createElement("a");
    back.className = "back";
    back.href = `#${claim}`;
    back.textContent = "↩";
    back.setAttribute("aria-label", "Back to the claim that cites this");
    span.after(back);
  }
}

function setUpShare(button) {
  const url = new URL(button.dataset.url, location.href).href;
  if (!navigator.share && !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      if (navigator.share) {
        await navigator.share({ title: button.dataset.title, url });
      } else {
        await navigator.clipboard.writeText(url);
        button.textContent = "Link copied";
      }
    } catch (error) {
      // the reader closed the share sheet: nothing to do
    }
  });
}

// ---------------------------------------------------------------- the stories list

async function watchStories(list) {
  const banner = document.getElementById("new-stories");
  for (;;) {
    await sleep(LIST_POLL_MS);
    const now = await getJSON("/api/changes");
    if (now && (String(now.stories) !== list.dataset.total || (now.latest || "") !== list.dataset.latest)) {
      banner.hidden = false;
      return;
    }
  }
}

async function showNewStories() {
  const response = await fetch(location.href, { headers: { Accept: "text/html" } });
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.getElementById("story-list");
  const list = document.getElementById("story-list");
  if (fresh && list) {
    list.replaceWith(fresh);
    document.getElementById("new-stories").hidden = true;
    watchStories(fresh);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const job = document.getElementById("job");
  if (job && job.dataset.done !== "true") poll(job, `/api/jobs/${encodeURIComponent(job.dataset.job)}`, showJob);
  const task = document.getElementById("task");
  if (task && task.dataset.done !== "true") poll(task, `/api/tasks/${encodeURIComponent(task.dataset.task)}`, showTask);
  const waiting = document.getElementById("brief-status");
  if (waiting) waitForBrief(waiting);
  if (document.getElementById("sources")) {
    linkBack();
    openTarget();
    window.addEventListener("hashchange", openTarget);
  }
  for (const button of document.querySelectorAll("button.share")) setUpShare(button);
  const list = document.getElementById("story-list");
  if (list) {
    watchStories(list);
    document.getElementById("show-new").addEventListener("click", showNewStories);
  }
});
