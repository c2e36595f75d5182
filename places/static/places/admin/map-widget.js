// The admin's map widget: a Leaflet map above the GeoJSON text field. A click places a point
// (for a project); an area is drawn and changed with Leaflet-Geoman's tools (for a plan). The
// text follows the map, and what is in the text is drawn. Without this script (or without
// Geoman) the text field and the file upload work as they are.
(() => {
  "use strict";

  function draw(layer, text) {
    layer.clearLayers();
    try {
      layer.addData(JSON.parse(text));
      return true;
    } catch (error) {
      return false; // not GeoJSON (yet): the server says what is wrong on saving
    }
  }

  const round = (positions) =>
    Array.isArray(positions[0]) ? positions.map(round) : positions.map((n) => +n.toFixed(6));

  // The drawn areas as one GeoJSON geometry: a Polygon, or a MultiPolygon for several parts;
  // "" when nothing is drawn.
  function areaText(layer) {
    const polygons = [];
    layer.eachLayer((part) => {
      const geometry = part.toGeoJSON().geometry;
      if (geometry.type === "Polygon") polygons.push(geometry.coordinates);
      else if (geometry.type === "MultiPolygon") polygons.push(...geometry.coordinates);
    });
    if (!polygons.length) return "";
    const geometry =
      polygons.length === 1
        ? { type: "Polygon", coordinates: round(polygons[0]) }
        : { type: "MultiPolygon", coordinates: round(polygons) };
    return JSON.stringify(geometry);
  }

  function setUpDrawing(map, shape, text, settings, widget) {
    map.pm.setLang(settings.language === "en" ? "en" : "da");
    // New parts look like the area already drawn (places/admin/map-widget.css).
    const look = { color: "#b3261e", fillColor: "#b3261e", fillOpacity: 0.2, weight: 3 };
    map.pm.setGlobalOptions({ layerGroup: shape, snappable: true, pathOptions: look, templineStyle: look });
    map.pm.addControls({
      position: "topleft",
      drawMarker: false,
      drawCircleMarker: false,
      drawPolyline: false,
      drawCircle: false,
      drawText: false,
      rotateMode: false,
    });
    const write = () => {
      text.value = areaText(shape);
      text.dispatchEvent(new Event("input", { bubbles: true })); // the editor notices the change
    };
    // Each change of a drawn part (corners dragged, moved, a hole cut) rewrites the text.
    shape.on("layeradd", (event) => event.layer.on("pm:edit pm:dragend", write));
    shape.eachLayer((part) => part.on("pm:edit pm:dragend", write));
    map.on("pm:create pm:remove", write);
    // A cut replaces the part by a new one only after the event: write once it is in place.
    map.on("pm:cut", () => window.setTimeout(write));
    widget.querySelector(".geojson-help")?.removeAttribute("hidden");
  }

  function setUp(widget) {
    if (widget.dataset.ready || !window.L) return;
    widget.dataset.ready = "true";
    const settings = JSON.parse(widget.dataset.mapWidget);
    const text = widget.querySelector("textarea");
    const box = document.createElement("div");
    box.className = "geojson-map";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", settings.labels.map);
    widget.insertBefore(box, text);
    const map = L.map(box, { attributionControl: false, scrollWheelZoom: false });
    const context = settings.context ? L.geoJSON(settings.context, { interactive: false, className: "geojson-context" }).addTo(map) : null;
    const shape = L.geoJSON(null, { className: "geojson-shape" }).addTo(map);
    draw(shape, text.value);
    const fit = () => {
      const bounds = context?.getBounds() ?? (shape.getLayers().length && shape.getBounds());
      if (bounds?.isValid()) map.fitBounds(bounds.pad(0.1), { maxZoom: 15 });
      else map.setView([55.3, 11.7], 10); // Næstved, when there is nothing to show yet
    };
    fit();
    // A map set up in a hidden panel or tab has no size yet: measure again when it gets one.
    new ResizeObserver(() => {
      map.invalidateSize();
      fit();
    }).observe(box);

    text.addEventListener("change", () => draw(shape, text.value));
    if (settings.drawAreas && map.pm) setUpDrawing(map, shape, text, settings, widget);
    if (settings.clickToPlace) {
      map.on("click", (event) => {
        const { lat, lng } = event.latlng;
        text.value = JSON.stringify({ type: "Point", coordinates: [+lng.toFixed(6), +lat.toFixed(6)] });
        draw(shape, text.value);
        text.dispatchEvent(new Event("input", { bubbles: true })); // the editor notices the change
      });
      const clear = document.createElement("button");
      clear.type = "button";
      clear.className = "button button-small button-secondary geojson-clear";
      clear.textContent = settings.labels.clear;
      clear.addEventListener("click", () => {
        text.value = "";
        shape.clearLayers();
        text.dispatchEvent(new Event("input", { bubbles: true }));
      });
      widget.insertBefore(clear, text);
    }
  }

  const start = () => document.querySelectorAll("[data-map-widget]").forEach(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // Panels opened later (a collapsed section or a tab) get their map then; Leaflet measures
  // its box, so it is told when the box becomes visible.
  document.addEventListener("wagtail:tab-changed", start);
  new MutationObserver(start).observe(document.body, { childList: true, subtree: true });
})();
