// The web app's only script (served from /static, as the Content-Security-Policy demands).
// On the "adding articles" page it polls the job's JSON and shows each result as it arrives.
// Text from articles is placed with textContent, never parsed as HTML.
"use strict";

const POLL_MS = 500;

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
    link.textContent = result.story_title || result.story;
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

async function pollJob(section) {
  const url = `/api/jobs/${encodeURIComponent(section.dataset.job)}`;
  for (;;) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const job = await response.json();
    showJob(job);
    if (job.done) {
      section.dataset.done = "true";
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const section = document.getElementById("job");
  if (section && section.dataset.done !== "true") pollJob(section);
});
