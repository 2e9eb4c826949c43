// Imported first by run.ts: the AWS SDK's Node-version notice would otherwise interleave with the
// report. Only the notice is silenced; errors still print.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
export {};
