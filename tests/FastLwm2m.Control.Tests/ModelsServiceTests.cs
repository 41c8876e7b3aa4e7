using FastLwm2m.Control.V1;
using Google.Protobuf;
using Grpc.Core;

namespace FastLwm2m.Control.Tests;

[Collection(ControlCollection.Name)]
public sealed class ModelsServiceTests(ControlTestHost host)
{
    private readonly Models.ModelsClient _models = new(host.Channel);

    [Fact]
    public async Task Upload_DdfFile_IsListedAndReadBack()
    {
        (string name, byte[] content) = Ddf.Core("3-1_0.xml");
        var request = new UploadModelsRequest();
        request.Files.Add(new ModelFile { Name = name, Content = ByteString.CopyFrom(content) });

        UploadModelsResponse uploaded = await _models.UploadAsync(request, ControlTestHost.As());
        ListModelsResponse listed = await _models.ListAsync(new ListModelsRequest(), ControlTestHost.As());
        GetModelResponse got = await _models.GetAsync(new GetModelRequest { ObjectId = 3, Version = "1.0" }, ControlTestHost.As());

        Assert.Contains(uploaded.Added.Concat(uploaded.Replaced), m => m.ObjectId == 3 && m.Version == "1.0");
        ModelInfo device = Assert.Single(listed.Models, m => m.ObjectId == 3 && m.Version == "1.0");
        Assert.Equal(ModelScope.System, device.Scope);
        Assert.Equal(name, device.FileName);
        Assert.Equal(content, got.Content.ToByteArray());
    }

    [Fact]
    public async Task Upload_NotXml_IsInvalidArgumentNamingTheFile()
    {
        var request = new UploadModelsRequest();
        request.Files.Add(new ModelFile { Name = "broken.xml", Content = ByteString.CopyFromUtf8("not xml") });

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _models.UploadAsync(request, ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("broken.xml", e.Status.Detail);
    }

    [Fact]
    public async Task Delete_SystemModelByTenant_IsPermissionDenied()
    {
        (string name, byte[] content) = Ddf.Core("1-1_1.xml");
        var request = new UploadModelsRequest();
        request.Files.Add(new ModelFile { Name = name, Content = ByteString.CopyFrom(content) });
        await _models.UploadAsync(request, ControlTestHost.As());

        RpcException e = await Assert.ThrowsAsync<RpcException>(
            () => _models.DeleteAsync(new DeleteModelRequest { ObjectId = 1, Version = "1.1" }, ControlTestHost.As("acme")).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("system model", e.Status.Detail);
    }

    [Fact]
    public async Task Upload_SystemScopeByTenant_IsPermissionDenied()
    {
        (string name, byte[] content) = Ddf.Core("1-1_0.xml");
        var request = new UploadModelsRequest { Scope = ModelScope.System };
        request.Files.Add(new ModelFile { Name = name, Content = ByteString.CopyFrom(content) });

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _models.UploadAsync(request, ControlTestHost.As("acme")).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public async Task Get_Missing_IsNotFound()
    {
        RpcException e = await Assert.ThrowsAsync<RpcException>(
            () => _models.GetAsync(new GetModelRequest { ObjectId = 32000, Version = "1.0" }, ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }
}
