/** Files from assets/ imported by the renderer: Vite gives their URL (a small SVG is inlined as a data: URL, which the CSP's img-src allows). */
declare module '*.svg' {
  const url: string;
  export default url;
}
