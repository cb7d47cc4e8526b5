"use strict";
(function () {
  var data = JSON.parse(document.getElementById("govchart-data").textContent);
  var days = data.days;
  var svg = document.getElementById("picture");
  var slider = document.getElementById("slider");
  var dateOut = document.getElementById("date");
  var caption = document.getElementById("caption");
  var details = document.getElementById("details");
  var playButton = document.getElementById("play");
  var eventItems = Array.prototype.slice.call(document.querySelectorAll("#events li"));
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var state = { index: data.opening, day: data.opening_day, selected: null, timer: null };

  function human(iso) {
    var p = iso.split("-");
    return Number(p[2]) + " " + MONTHS[Number(p[1]) - 1] + " " + p[0];
  }

  // "#2019-11-01", "#2019-11" or "#2019" as a real day ("2019-11-01"), or null.
  function parseHash(hash) {
    var m = /^#?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(decodeURIComponent(hash || ""));
    if (!m) return null;
    var y = Number(m[1]), mo = m[2] ? Number(m[2]) : 1, d = m[3] ? Number(m[3]) : 1;
    if (mo < 1 || mo > 12) return null;
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
    return m[1] + "-" + (mo < 10 ? "0" : "") + mo + "-" + (d < 10 ? "0" : "") + d;
  }

  // The last day of the slider on or before `iso`: the chart as it stood then.
  function indexFor(iso) {
    var found = 0;
    for (var i = 0; i < days.length; i++) {
      if (days[i].d <= iso) found = i; else break;
    }
    return found;
  }

  function clampDay(iso) {
    if (iso < days[0].d) return days[0].d;
    if (iso > data.last) return data.last;
    return iso;
  }

  function draw(index) {
    var parts = [];
    var items = days[index].items;
    var v = days[index].view;
    svg.setAttribute("viewBox", (v[0] - 12) + " " + (v[1] - 12) + " " + (v[2] + 24) + " " + (v[3] + 24));
    for (var i = 0; i < items.length; i++) {
      var it = items[i];
      parts.push('<g transform="translate(' + it[1] + " " + it[2] + ')">' + data.fragments[it[0]] + "</g>");
    }
    svg.innerHTML = parts.join("");
  }

  function show(index, day, link) {
    index = Math.max(0, Math.min(days.length - 1, index));
    var redraw = index !== state.index || !svg.dataset.drawn;
    state.index = index;
    state.day = day || days[index].d;
    if (redraw) {
      draw(index);
      svg.dataset.drawn = "1";
    }
    var label = human(state.day);
    svg.setAttribute("aria-label", "The chart on " + label);
    slider.value = String(index);
    slider.setAttribute("aria-valuetext", label);
    dateOut.textContent = label;
    var today = state.day === days[index].d ? days[index].events : [];
    caption.textContent = today.length ? today.join("; ") : "";
    document.title = data.title + " \u2013 " + label;
    markEvents();
    markSelected();
    if (state.selected) showDetails(state.selected);
    if (link && location.hash !== "#" + state.day) {
      history.replaceState(null, "", "#" + state.day);
    }
  }

  // The latest event on or before the day shown is marked in the list.
  function markEvents() {
    var current = null;
    eventItems.forEach(function (li) {
      li.classList.remove("current");
      var b = li.querySelector("button");
      b.removeAttribute("aria-current");
      if (b.dataset.date <= state.day) current = li;
    });
    if (current) {
      current.classList.add("current");
      current.querySelector("button").setAttribute("aria-current", "date");
      // The list keeps the current event in view, without moving the page.
      var list = current.closest(".events");
      if (list && list.scrollHeight > list.clientHeight) {
        var top = current.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop;
        if (top < list.scrollTop || top > list.scrollTop + list.clientHeight - current.offsetHeight) {
          list.scrollTop = Math.max(0, top - list.clientHeight / 2);
        }
      }
    }
  }

  function markSelected() {
    var cards = svg.querySelectorAll(".card");
    for (var i = 0; i < cards.length; i++) {
      var on = cards[i].getAttribute("data-post") === state.selected;
      cards[i].classList.toggle("selected", on);
      cards[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  function element(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function sourceList(indices) {
    var ul = element("ul", null, "sources");
    indices.forEach(function (i) {
      var s = data.sources[i];
      if (!s) return;
      var li = element("li");
      var title = s.url ? element("a", s.title) : element("span", s.title);
      if (s.url) {
        title.href = s.url;
        title.rel = "noopener noreferrer";
      }
      li.appendChild(title);
      var meta = [s.publisher, s.date].filter(Boolean).join(", ");
      if (meta) li.appendChild(document.createTextNode(" \u2013 " + meta));
      ul.appendChild(li);
    });
    return ul;
  }

  function showDetails(key) {
    var post = data.posts[key];
    if (!post) return;
    details.textContent = "";
    details.scrollTop = 0;
    details.appendChild(element("h2", post.title)).id = "details-heading";
    var org = post.organisation;
    post.moves.forEach(function (m) { if (m[0] <= state.day) org = m[1]; });
    details.appendChild(element("p", org, "org"));
    if (!svg.querySelector('.card[data-post="' + CSS.escape(key) + '"]')) {
      details.appendChild(element("p", "Not on the chart on " + human(state.day) + ".", "note"));
    }
    details.appendChild(element("h3", "Holders over time"));
    if (!post.holders.length) details.appendChild(element("p", "No holders recorded.", "note"));
    post.holders.forEach(function (h) {
      var now = h.from <= state.day && (!h.until || state.day <= h.until);
      var box = element("div", null, "holder" + (now ? " now" : ""));
      box.appendChild(element("div", h.name + (h.acting ? " (acting)" : "") + (now ? ", on " + human(state.day) : ""), "name"));
      box.appendChild(element("div", h.dates + " \u00b7 " + h.certainty, "meta"));
      if (h.end_cause) box.appendChild(element("div", h.end_cause, "meta"));
      if (h.note) box.appendChild(element("div", h.note, "meta"));
      if (h.sources.length) box.appendChild(sourceList(h.sources));
      details.appendChild(box);
    });
    if (post.note) {
      details.appendChild(element("h3", "About the post"));
      details.appendChild(element("p", post.note, "note"));
    }
    if (post.sources.length) {
      details.appendChild(element("h3", "Sources for the post"));
      details.appendChild(sourceList(post.sources));
    }
  }

  function select(key) {
    state.selected = key;
    markSelected();
    showDetails(key);
  }

  function go(index, day) {
    show(index, day, true);
  }

  function stop() {
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
    playButton.setAttribute("aria-pressed", "false");
    playButton.textContent = "Play";
  }

  function play() {
    if (state.timer) return stop();
    if (state.index >= days.length - 1) go(0);
    playButton.setAttribute("aria-pressed", "true");
    playButton.textContent = "Pause";
    state.timer = setInterval(function () {
      if (state.index >= days.length - 1) return stop();
      go(state.index + 1);
    }, 1200);
  }

  slider.addEventListener("input", function () {
    stop();
    go(Number(slider.value));
  });
  document.getElementById("previous").addEventListener("click", function () {
    stop();
    // From a day between changes, "previous" is the change the chart shows.
    go(state.day !== days[state.index].d ? state.index : state.index - 1);
  });
  document.getElementById("next").addEventListener("click", function () {
    stop();
    go(state.index + 1);
  });
  playButton.addEventListener("click", play);
  svg.addEventListener("click", function (e) {
    var card = e.target.closest && e.target.closest(".card");
    if (card) select(card.getAttribute("data-post"));
  });
  svg.addEventListener("keydown", function (e) {
    var card = e.target.closest && e.target.closest(".card");
    if (card && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      select(card.getAttribute("data-post"));
    }
  });
  document.getElementById("events").addEventListener("click", function (e) {
    var b = e.target.closest("button");
    if (!b) return;
    stop();
    var day = clampDay(b.dataset.date);
    go(indexFor(day), day);
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "PageUp") {
      e.preventDefault();
      document.getElementById("previous").click();
    } else if (e.key === "PageDown") {
      e.preventDefault();
      document.getElementById("next").click();
    } else if ((e.key === "p" || e.key === "P") && e.target === document.body) {
      play();
    }
  });
  window.addEventListener("hashchange", function () {
    var day = parseHash(location.hash);
    if (day) {
      day = clampDay(day);
      show(indexFor(day), day, false);
    }
  });

  var asked = parseHash(location.hash);
  if (asked) {
    asked = clampDay(asked);
    show(indexFor(asked), asked, false);
  } else {
    svg.dataset.drawn = "1";
    show(state.index, state.day, false);
  }
})();
