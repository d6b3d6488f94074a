// One audio player for the search and detail pages: a Play button in #results loads that recording.
// Keys: Space plays or pauses, Left/Right skip 10 s, j/k play the next/previous row.
(function () {
  "use strict";

  const SKIP_SECONDS = 10;
  const player = document.getElementById("player");
  if (!player) {
    return;
  }
  const audio = document.getElementById("player-audio");
  const toggle = document.getElementById("player-toggle");
  const seek = document.getElementById("player-seek");
  const position = document.getElementById("player-position");
  const speed = document.getElementById("player-speed");
  const download = document.getElementById("player-download");
  const status = document.getElementById("player-status");
  const labels = player.dataset;
  const buttons = Array.from(document.querySelectorAll("#results button.play:not([disabled])"));
  let current = null;
  let dragging = false;

  if (buttons.length === 0) {
    return;
  }
  player.hidden = false;

  function formatTime(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0) {
      return "0:00";
    }
    const whole = Math.floor(seconds);
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const rest = String(whole % 60).padStart(2, "0");
    return hours > 0 ? hours + ":" + String(minutes).padStart(2, "0") + ":" + rest : minutes + ":" + rest;
  }

  function showInfo(button) {
    document.getElementById("player-empty").hidden = true;
    document.getElementById("player-info").hidden = false;
    for (const field of ["agent", "time", "lead", "duration"]) {
      player.querySelector('[data-field="' + field + '"]').textContent = button.dataset[field];
    }
  }

  function markCurrentRow(button) {
    document.querySelectorAll("#results tr.current").forEach(function (row) {
      row.classList.remove("current");
      row.removeAttribute("aria-current");
    });
    const row = button.closest("tr");
    if (!row) {
      return;
    }
    row.classList.add("current");
    row.setAttribute("aria-current", "true");
  }

  function load(button) {
    current = button;
    status.textContent = "";
    showInfo(button);
    markCurrentRow(button);
    download.href = button.dataset.src + "?download=1";
    download.hidden = false;
    audio.src = button.dataset.src;
    audio.playbackRate = Number(speed.value);
    audio.defaultPlaybackRate = Number(speed.value);
    seek.value = 0;
    position.textContent = labels.labelLoading;
  }

  function play(button) {
    if (button !== current) {
      load(button);
    }
    audio.play().catch(function () {
      // The error event reports a missing file; a refused autoplay needs no message.
    });
  }

  function skip(seconds) {
    if (!current || !Number.isFinite(audio.duration)) {
      return;
    }
    audio.currentTime = Math.min(Math.max(audio.currentTime + seconds, 0), audio.duration);
  }

  function playNeighbour(step) {
    const index = current ? buttons.indexOf(current) + step : 0;
    if (index >= 0 && index < buttons.length) {
      buttons[index].focus();
      play(buttons[index]);
    }
  }

  function togglePlayback() {
    if (!current) {
      play(buttons[0]);
    } else if (audio.paused) {
      play(current);
    } else {
      audio.pause();
    }
  }

  function updatePosition() {
    if (!dragging) {
      seek.value = audio.currentTime;
    }
    position.textContent = formatTime(audio.currentTime) + " / " + formatTime(audio.duration);
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      // The current row's button pauses, so Space on a focused row toggles playback.
      if (button === current && !audio.paused) {
        audio.pause();
      } else {
        play(button);
      }
    });
  });
  toggle.addEventListener("click", togglePlayback);
  document.getElementById("player-back").addEventListener("click", function () { skip(-SKIP_SECONDS); });
  document.getElementById("player-forward").addEventListener("click", function () { skip(SKIP_SECONDS); });
  speed.addEventListener("change", function () {
    audio.playbackRate = Number(speed.value);
    audio.defaultPlaybackRate = Number(speed.value);
  });

  seek.addEventListener("input", function () {
    dragging = true;
    position.textContent = formatTime(Number(seek.value)) + " / " + formatTime(audio.duration);
  });
  seek.addEventListener("change", function () {
    dragging = false;
    if (current) {
      audio.currentTime = Number(seek.value);
    }
  });

  audio.addEventListener("durationchange", function () {
    seek.max = Number.isFinite(audio.duration) ? audio.duration : 0;
    updatePosition();
  });
  audio.addEventListener("timeupdate", updatePosition);
  audio.addEventListener("play", function () { toggle.textContent = labels.labelPause; });
  audio.addEventListener("pause", function () { toggle.textContent = labels.labelPlay; });
  // The media element's error hides the HTTP status, so a HEAD request (which writes
  // no access log row) distinguishes a missing file (404) from a rejection or a server failure.
  function explainError(src) {
    return fetch(src, { method: "HEAD", credentials: "same-origin" }).then(function (response) {
      if (response.status === 404) {
        return labels.labelMissing;
      }
      return response.status === 403 ? labels.labelForbidden : labels.labelError;
    }).catch(function () {
      return labels.labelError;
    });
  }

  audio.addEventListener("error", function () {
    const src = current ? current.dataset.src : "";
    position.textContent = "0:00 / 0:00";
    toggle.textContent = labels.labelPlay;
    download.hidden = true;
    status.textContent = labels.labelError;
    explainError(src).then(function (message) {
      if (current && current.dataset.src === src) {
        status.textContent = message;
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) {
      return;
    }
    const target = event.target;
    // Form fields keep their own keys, and buttons and links keep Space for activation.
    if (target.closest("input, select, textarea, [contenteditable]")) {
      return;
    }
    const onControl = target.closest("button, a, summary");
    const actions = {
      " ": onControl ? null : togglePlayback,
      ArrowLeft: function () { skip(-SKIP_SECONDS); },
      ArrowRight: function () { skip(SKIP_SECONDS); },
      j: function () { playNeighbour(1); },
      k: function () { playNeighbour(-1); },
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
})();
