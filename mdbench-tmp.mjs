import { lint } from 'markdownlint/promise';
import fs from 'node:fs';
const config = JSON.parse(fs.readFileSync('.markdownlint.json','utf8'));
async function t(label, s){ const t0=performance.now(); await lint({strings:{a:s},config}); console.log(label, (performance.now()-t0).toFixed(0),'ms'); }
const row=i=>`| F-${i} | Feature ${i} | must | text ${i} |`;
const table=n=>['| a | b | c | d |','| --- | --- | --- | --- |',...Array.from({length:n},(_,i)=>row(i))].join('\n');
for (const n of [500,1000,2000]) await t(`one table ${n} rows`, `# T\n\n${table(n)}\n`);
for (const n of [250,500,1000]) await t(`${n} tables x 3 rows`, `# T\n\n`+Array.from({length:n},(_,i)=>`## S${i}\n\n${table(3)}\n`).join('\n'));
for (const n of [500,1000,2000]) await t(`${n} paragraphs no table`, `# T\n\n`+Array.from({length:n},(_,i)=>`## S${i}\n\nSome text ${i} here.\n`).join('\n'));
