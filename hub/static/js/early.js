// Loaded in <head> without defer, before the first paint: the class lets the
// stylesheet collapse the phone menu from the start instead of after nav.js
// runs (which moved every phone page by the menu's height). Without
// JavaScript the class is never set and the menu simply stays open.
document.documentElement.classList.add("js");
