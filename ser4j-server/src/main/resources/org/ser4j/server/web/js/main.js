// Entry point: loads the model's description, wires the pages, and shows which page the address names.
import { describe, getJson, onReachability } from './api.js';
import { initAdaptation } from './adaptation.js';
import { initAnalyse } from './analyse.js';
import { initLive } from './live.js';
import { showAbout, showDashboard, showDatasets, showModel, showSidebar } from './info.js';

const PAGES = ['analyse', 'live', 'model', 'datasets', 'dashboard', 'help', 'about'];

/** Shows the page named by the address's #fragment (default: analyse) and marks it in the navigation. */
function route() {
  const name = PAGES.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'analyse';
  for (const page of PAGES) document.getElementById(`panel-${page}`).hidden = page !== name;
  for (const link of document.querySelectorAll('.nav a')) {
    if (link.getAttribute('href') === `#${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (name === 'dashboard') showDashboard();
}

const status = document.getElementById('server-status');

function showUnreachable() {
  status.textContent = 'server unreachable';
  status.className = 'status down';
}

/** The header's server indicator, refreshed every 15 s and after every request that fails to reach the server. */
async function checkHealth() {
  try {
    const health = await getJson('/health');
    status.textContent = `server up · ${health.model}`;
    status.className = 'status up';
  } catch (e) {
    if (e.status === 0) {
      showUnreachable();
    } else {
      status.textContent = `server not ready (${describe(e).detail})`;
      status.className = 'status down';
    }
  }
}

async function start() {
  window.addEventListener('hashchange', () => {
    route();
    document.getElementById('main').focus(); // keyboard and screen-reader users land on the new page
  });
  document.getElementById('dashboard-refresh').addEventListener('click', showDashboard);
  route();
  onReachability((up) => {
    if (!up) showUnreachable();
    else if (status.textContent === 'server unreachable') checkHealth(); // it is back
  });
  checkHealth();
  setInterval(checkHealth, 15000);
  let model;
  try {
    model = await getJson('/api/v1/model');
  } catch (e) {
    const { title, detail } = describe(e);
    document.getElementById('analyse-error').hidden = false;
    document.getElementById('analyse-error').textContent = `${title}. ${detail} Reload the page to try again.`;
    return;
  }
  showSidebar(model);
  showModel(model);
  showDatasets(model);
  showAbout(model);
  initAdaptation(model);
  initAnalyse(model);
  initLive();
  document.body.dataset.ready = 'true'; // tests wait for this
}

start();
