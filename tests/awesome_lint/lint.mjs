// Lint a README with awesome-lint's own rule set, minus the one rule that queries the GitHub API
// (tests never reach the network). Prints one line per message; exit 1 when there is an error.
// Warnings (awesome-lint configures its spell-check as a warning) are printed but do not fail.
import process from 'node:process';
import lint from 'awesome-lint';
import config from 'awesome-lint/config.js';

const needsNetwork = new Set(['remark-lint:awesome-github']);
const offline = config.filter(plugin => !needsNetwork.has((Array.isArray(plugin) ? plugin[0] : plugin)?.name));
const vfiles = await lint({filename: process.argv[2], config: offline});
let errors = 0;
for (const vfile of vfiles) {
	for (const message of vfile.messages) {
		const severity = message.fatal ? 'error' : 'warning';
		console.log(`${vfile.path}:${message.line}:${message.column}: ${severity}: ${message.reason} [${message.ruleId ?? message.source}]`);
		errors += message.fatal ? 1 : 0;
	}
}
process.exitCode = errors ? 1 : 0;
