using FastLwm2m.Platform.Tests.TestSupport;

namespace FastLwm2m.Platform.Tests.Rpc;

/// <summary>Bad requests: each an error result whose message names what is wrong.</summary>
public class RpcErrorTests
{
    [Fact]
    public async Task Errors_NameTheProblem()
    {
        await using var bed = await RpcTestBed.StartAsync();

        Assert.StartsWith("{\"result\":\"BAD_REQUEST\",\"error\":\"Unsupported method \\\"Reboot\\\"", await bed.Json("Reboot {\"id\":\"/3/0/4\"}"));
        Assert.StartsWith("{\"result\":\"BAD_REQUEST\",\"error\":\"params: invalid JSON", await bed.Json("Read {\"id\":"));
        Assert.Equal("{\"result\":\"BAD_REQUEST\",\"error\":\"params: missing \\\"id\\\" (e.g. \\\"/3/0/9\\\") or \\\"key\\\"\"}", await bed.Json("Read {}"));
        Assert.Equal("{\"result\":\"BAD_REQUEST\",\"error\":\"key: unknown key \\\"battery\\\"\"}", await bed.Json("Read {\"key\":\"battery\"}"));
        Assert.Equal("{\"result\":\"BAD_REQUEST\",\"error\":\"keys[1]: unknown key \\\"nope\\\"\"}", await bed.Json("ReadComposite {\"keys\":[\"state\",\"nope\"]}"));
        Assert.StartsWith("{\"result\":\"BAD_REQUEST\",\"error\":\"id: invalid path \\\"/3/x\\\"", await bed.Json("Read {\"id\":\"/3/x\"}"));
        Assert.Equal("{\"result\":\"BAD_REQUEST\",\"error\":\"attributes.pmax: expected a non-negative integer (seconds)\"}", await bed.Json("WriteAttributes {\"id\":\"/3/0/9\",\"attributes\":{\"pmax\":\"soon\"}}"));
        Assert.StartsWith("{\"result\":\"BAD_REQUEST\",\"error\":\"value.25: \\\"zz\\\" is not a valid OPAQUE value", await bed.Json("WriteReplace {\"id\":\"/19/0/0\",\"value\":{\"25\":\"zz\"}}"));
        Assert.Equal("{\"result\":\"BAD_REQUEST\",\"error\":\"params: missing \\\"value\\\"\"}", await bed.Json("WriteReplace {\"id\":\"/3/0/15\"}"));
        Assert.Equal("NOT_FOUND", (await bed.Send("Read {\"id\":\"/3/7\"}")).Result);
    }

    [Fact]
    public async Task AVersionOtherThanTheRegisteredOne_IsRefused()
    {
        await using var bed = await RpcTestBed.StartAsync();

        Assert.Equal("{\"result\":\"BAD_REQUEST\",\"error\":\"Invalid object version. Required version: 1.0\"}", await bed.Json("Read {\"id\":\"/3_1.1/0/9\"}"));
        Assert.Equal("{\"result\":\"BAD_REQUEST\",\"error\":\"Invalid object version. Required version: 1.2\"}", await bed.Json("ReadComposite {\"ids\":[\"/3/0/9\", \"/1_1.1\"]}"));
        Assert.Equal("CONTENT", (await bed.Send("Read {\"id\":\"/3_1.0/0/9\"}")).Result);
    }

    [Fact]
    public async Task MethodNames_AreCaseInsensitive()
    {
        await using var bed = await RpcTestBed.StartAsync();

        Assert.Equal("CONTENT", (await bed.Rpc.ExecuteAsync(bed.Registration, "read", "{\"id\":\"/3/0/9\"}")).Result);
        Assert.Equal("CONTENT", (await bed.Rpc.ExecuteAsync(bed.Registration, "OBSERVEREADALL", null)).Result);
    }
}
