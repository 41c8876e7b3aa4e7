using FastLwm2m.Coap;

namespace FastLwm2m.Interop.Tests;

/// <summary>Serves one path of a <see cref="TestCoapServer"/> (runs under the loop's gate: must not block).</summary>
internal delegate void ResourceHandler(in CoapRequestContext request, CoapResponseBuilder response);
