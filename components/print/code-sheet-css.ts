/** Cards per A4 sheet: 3 × 8 cards of 70 × 37 mm (the band's download codes and a sponsor's prepaid cards). */
export const PER_SHEET = 24;
/** 20 A4 sheets per screen: a large batch prints in a few goes rather than one page of thousands of QR codes. */
export const SHEETS_PER_PAGE = 20;

/** Print: only the sheets, edge to edge on A4, one sheet per page. */
export const CODE_SHEET_CSS = `
@page { size: A4; margin: 0; }
.code-sheet { width: 210mm; height: 297mm; display: grid; grid-template-columns: repeat(3, 70mm); grid-template-rows: repeat(8, 37.125mm); background: white; color: black; }
.code-sheet + .code-sheet { margin-top: 8mm; }
.code-card svg { width: 100%; height: 100%; }
@media print {
  body * { visibility: hidden; }
  #code-sheets, #code-sheets * { visibility: visible; }
  #code-sheets { position: absolute; left: 0; top: 0; }
  .code-sheet { break-after: page; margin: 0 !important; }
}`;
