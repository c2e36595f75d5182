// Makes each map drawn on the server (figure[data-place-map]) a map one can move and zoom,
// with Leaflet (served by the site). The picture and the list beside it work without this.
// Base layer: the municipality's outline and the areas as vectors; tiles only when the site
// names a tile server. Every area and project is a link (a real <a>) reached with Tab.
// On a narrow screen the picture stays: there the areas' names would cover each other on a
// map in pixels, while the picture scales them with it.
(() => {
  "use strict";
  if (!window.L || !window.matchMedia("(min-width: 50em)").matches) return;

  function link(name, url, text) {
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.textContent = text;
    anchor.setAttribute("aria-label", name);
    return anchor;
  }

  function marker(properties, className, text) {
    const [longitude, latitude] = properties.anchor;
    const icon = L.divIcon({ className, html: link(properties.name, properties.url, text), iconSize: null });
    // keyboard: false: the link inside is what Tab reaches, not Leaflet's own button.
    return L.marker([latitude, longitude], { icon, keyboard: false, interactive: false });
  }

  function style(feature) {
    const { kind, colour } = feature.properties;
    if (kind === "outline") return { className: "map-outline", interactive: false };
    if (kind === "area") return { className: `map-area map-colour-${colour}` };
    return { className: `map-site map-site-${feature.geometry.type.toLowerCase()}` };
  }

  function enhance(figure) {
    const data = JSON.parse(document.getElementById(figure.dataset.placeMap).textContent);
    const picture = figure.querySelector(".place-map-picture");
    const box = document.createElement("div");
    box.className = "place-map-live";
    const [, , width, height] = picture.getAttribute("viewBox").split(" ");
    box.style.aspectRatio = `${width} / ${height}`;
    figure.insertBefore(box, picture);
    const map = L.map(box, {
      attributionControl: Boolean(data.tiles),
      scrollWheelZoom: false,
      zoomSnap: 0.25,
      keyboard: true,
      zoomControl: false,
    });
    L.control.zoom({ zoomInTitle: data.labels.zoomIn, zoomOutTitle: data.labels.zoomOut }).addTo(map);
    if (data.tiles) {
      L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(map);
    }
    const labels = [];
    L.geoJSON(data.places, {
      style,
      pointToLayer: () => null,
      filter: (feature) => feature.geometry.type !== "Point",
      onEachFeature(feature, layer) {
        if (feature.properties.url) layer.on("click", () => window.location.assign(feature.properties.url));
      },
    }).addTo(map);
    for (const { properties } of data.places.features) {
      if (properties.kind === "area" && properties.url) {
        labels.push(marker(properties, "map-area-name", properties.name));
      } else if (properties.kind === "site") {
        labels.push(marker(properties, "map-pin", String(properties.number)));
      }
    }
    labels.forEach((label) => label.addTo(map));
    map.fitBounds(data.bounds);
    // The picture stays in the page for print, hidden from sight and from screen readers.
    picture.style.display = "none";
    map.getContainer().setAttribute("role", "group");
    map.getContainer().setAttribute("aria-label", picture.getAttribute("aria-label"));
  }

  for (const figure of document.querySelectorAll("[data-place-map]")) {
    try {
      enhance(figure);
    } catch (error) {
      // The picture stays as it is.
      figure.querySelector(".place-map-live")?.remove();
    }
  }
})();
