// "Analyse a clip": upload or record, play, predict, plot, and send feedback.
import { describe, postAudio, postJson } from './api.js';
import { noteAdaptation, sessionQuery } from './adaptation.js';
import { NO_SPEECH, colourOf, drawBars, drawTimeline, hasSpeech, labelOf, percent } from './emotions.js';
import { openMicrophone, wavBlob } from './mic.js';
import { drawSpectrogram, drawWaveform, followPlayback } from './plots.js';

const $ = (id) => document.getElementById(id);

let prediction = null; // the prediction on screen, with its id for feedback
let plots = null;      // the plots on screen, for redrawing at a new size
let objectUrl = null;  // the player's source

export function initAnalyse(model) {
  const input = $('file-input');
  input.addEventListener('change', () => {
    if (input.files.length) analyse(input.files[0], input.files[0].name);
    input.value = ''; // choosing the same file again still triggers a change
  });
  const zone = $('dropzone');
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const file = e.dataTransfer.files[0];
    if (file) analyse(file, file.name);
  });
  $('record-button').addEventListener('click', toggleRecording);

  const player = $('player');
  followPlayback(player, [$('waveform-box'), $('spectrogram-box')],
    () => (plots ? plots.duration_s : player.duration || 1));
  window.addEventListener('resize', redrawPlots);

  const select = $('right-emotion');
  for (const c of model.classes) select.append(new Option(c, c));
  select.append(new Option('no speech (silence or noise only)', NO_SPEECH));
  for (const radio of document.querySelectorAll('input[name="correct"]')) {
    radio.addEventListener('change', () => { $('right-emotion-row').hidden = radio.value === 'true'; });
  }
  $('feedback-form').addEventListener('submit', sendFeedback);
}

/** Sends the audio for a prediction (with segments) and for the plots, and shows both. */
async function analyse(audio, name) {
  showError(null);
  setPlayer(audio);
  $('result-area').hidden = true;
  $('analyse-progress').textContent = `Analysing ${name}…`;
  const plotsPromise = postAudio('/api/v1/plots?width=800', audio, name); // computed alongside the prediction
  plotsPromise.catch(() => {}); // reported below, once the prediction has been shown
  try {
    const session = sessionQuery();
    prediction = await postAudio(`/api/v1/predictions?segments=true${session ? '&' + session : ''}`, audio, name);
  } catch (e) {
    $('analyse-progress').textContent = '';
    $('player').hidden = true;
    showError(describe(e, `“${name}”`));
    return;
  }
  $('analyse-progress').textContent = '';
  showPrediction(prediction);
  noteAdaptation(prediction.adaptation);
  $('plots-status').textContent = 'Computing the plots…';
  try {
    plots = await plotsPromise;
    $('plots-status').textContent = '';
    $('axis-end').textContent = `${plots.duration_s.toFixed(2)} s`;
    $('waveform').setAttribute('aria-label', `Waveform of ${name}, ${plots.duration_s.toFixed(1)} seconds`);
    $('spectrogram').setAttribute('aria-label',
      `Log-mel spectrogram of ${name}: ${plots.spectrogram.n_mels} mel bands up to ${plots.spectrogram.fmax_hz} Hz`);
    redrawPlots();
  } catch (e) {
    const { title, detail } = describe(e, `“${name}”`);
    $('plots-status').textContent = `The plots could not be computed: ${title}. ${detail}`;
  }
}

function setPlayer(audio) {
  if (objectUrl) URL.revokeObjectURL(objectUrl);
  objectUrl = URL.createObjectURL(audio);
  const player = $('player');
  player.src = objectUrl;
  player.hidden = false;
  plots = null;
}

function showPrediction(p) {
  $('result-area').hidden = false;
  $('result-file').textContent = `· ${p.file}, ${p.duration_s.toFixed(2)} s`;
  const big = $('result-emotion');
  const speech = hasSpeech(p);
  // Without speech there is no emotion to show: a plain statement and why, no confidence, no bars.
  big.textContent = speech ? p.emotion : 'No speech detected';
  big.classList.toggle('no-speech', !speech);
  big.style.background = colourOf(p.emotion);
  $('result-confidence').textContent = speech ? `${percent(p.confidence)} confident` : '';
  const reason = $('result-reason');
  reason.hidden = speech;
  reason.textContent = speech ? '' : `Nothing to classify: ${p.no_speech_reason || 'no speech was found'}. `
    + 'ser4j gives no emotion for silence or steady noise.';
  const bars = $('result-bars');
  bars.hidden = !speech;
  if (speech) drawBars(bars, p.all_scores);
  else bars.replaceChildren();

  const segments = p.segments || [];
  $('timeline-area').hidden = !segments.some(hasSpeech);
  drawTimeline($('timeline'), segments, p.duration_s, (s) => {
    const player = $('player');
    player.currentTime = s.start_s;
    player.play().catch(() => {});
  });

  const form = $('feedback-form');
  form.reset();
  form.querySelector('button[type="submit"]').disabled = false;
  $('right-emotion-row').hidden = true;
  // "Not correct" on a no-speech answer means there was speech: then only an emotion is a sensible correction.
  const select = $('right-emotion');
  select.querySelector(`option[value="${NO_SPEECH}"]`).disabled = !speech;
  select.value = speech ? p.emotion : select.options[0].value;
  $('feedback-status').textContent = '';
  $('feedback-status').className = '';
}

function redrawPlots() {
  if (!plots) return;
  drawWaveform($('waveform'), plots.waveform);
  drawSpectrogram($('spectrogram'), plots.spectrogram);
}

async function sendFeedback(event) {
  event.preventDefault();
  const status = $('feedback-status');
  const choice = document.querySelector('input[name="correct"]:checked');
  if (!prediction || !choice) {
    status.textContent = 'Choose “Yes, correct” or “No, not correct” first.';
    return;
  }
  const correct = choice.value === 'true';
  const comment = $('comment').value.trim();
  const body = { correct, emotion: correct ? prediction.emotion : $('right-emotion').value };
  if (comment) body.comment = comment;
  const button = event.target.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    await postJson(`/api/v1/predictions/${prediction.id}/feedback`, body);
    status.className = 'ok';
    status.textContent = correct ? 'Thank you! Saved: the prediction was right.'
      : `Thank you! Saved: it was ${labelOf(body.emotion)}, not ${labelOf(prediction.emotion)}.`;
  } catch (e) {
    button.disabled = false;
    const { title, detail } = describe(e);
    status.className = '';
    status.textContent = `Feedback was not saved. ${title}: ${detail}`;
  }
}

// ------------------------------------------------------------------------------------------------ recording

let recording = null; // {mic, blocks, started, timer} while recording

async function toggleRecording() {
  const button = $('record-button');
  if (recording) {
    const { mic, blocks, timer } = recording;
    recording = null;
    clearInterval(timer);
    await mic.stop();
    button.textContent = '● Record';
    button.setAttribute('aria-pressed', 'false');
    $('record-time').textContent = '';
    const name = `recording-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.wav`;
    analyse(wavBlob(blocks, mic.sampleRate), name);
    return;
  }
  showError(null);
  const blocks = [];
  try {
    const mic = await openMicrophone((samples) => blocks.push(samples));
    const started = Date.now();
    const timer = setInterval(() => {
      $('record-time').textContent = `recording… ${((Date.now() - started) / 1000).toFixed(0)} s`;
    }, 250);
    recording = { mic, blocks, timer };
    button.textContent = '■ Stop';
    button.setAttribute('aria-pressed', 'true');
    $('record-time').textContent = 'recording…';
  } catch (e) {
    showError({ title: 'Recording did not start', detail: e.message });
  }
}

function showError(error) {
  const box = $('analyse-error');
  box.hidden = !error;
  box.replaceChildren();
  if (!error) return;
  const title = document.createElement('strong');
  title.textContent = error.title;
  box.append(title, document.createTextNode(error.detail));
}
