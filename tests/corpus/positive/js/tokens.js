const tokens = { fireflies: 'a6993052-c1be-4daa-b1eb-9967d549d986', slack: process.env.SLACK_TOKEN };
module.exports = tokens;
