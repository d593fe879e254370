// Streams, the line reader, the batch pipeline, failures and exit codes, and secret input are the XiaoaCommandLine
// library, shared with the serve binary and the fuzz targets; every command here uses them.
@_exported import XiaoaCommandLine
// The option groups shared with the call binary (the domain key, a request's fields and passwords).
@_exported import XiaoaCommandOptions
