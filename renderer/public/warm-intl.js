// Builds the browser's ICU data (time zones, date formats) while the page's modules are still on
// their way: the first Intl object of a page costs 40–90 ms of the main thread, which otherwise
// lands in the first render that shows a timestamp (docs/start-up.md).
new Intl.DateTimeFormat('en-US', { timeZoneName: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(0);
