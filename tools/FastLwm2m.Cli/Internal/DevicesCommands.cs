using System.CommandLine;
using FastLwm2m.Control.V1;

namespace FastLwm2m.Cli.Internal;

/// <summary><c>devices create|list|show|delete</c>: devices, their credentials and registration.</summary>
internal static class DevicesCommands
{
    public static Command Build(GlobalOptions options, CliConsole console)
    {
        var devices = new Command("devices", "Devices, their credentials and registration state.");
        devices.Subcommands.Add(Create(options, console));
        devices.Subcommands.Add(List(options, console));
        devices.Subcommands.Add(Show(options, console));
        devices.Subcommands.Add(Delete(options, console));
        return devices;
    }

    private static Argument<string> DeviceArgument() => new("DEVICE") { Description = "The device endpoint, or its id (a UUID)." };

    private static Command Create(GlobalOptions options, CliConsole console)
    {
        var endpoint = new Argument<string>("ENDPOINT") { Description = "The LwM2M endpoint client name." };
        var name = new Option<string?>("--name") { Description = "The display name; default: the endpoint." };
        var profile = new Option<string>("--profile") { Description = "The device profile id (a UUID).", Required = true };
        var nosec = new Option<bool>("--nosec") { Description = "No security (plain CoAP)." };
        var pskIdentity = new Option<string?>("--psk-identity") { Description = "DTLS PSK: the identity (with --psk-key)." };
        var pskKey = new Option<string?>("--psk-key") { Description = "DTLS PSK: the key, 32, 64 or 128 hex characters." };
        var rpk = new Option<string?>("--rpk") { Description = "DTLS RPK: the device's public key, a PEM or DER file, or base64 DER." };
        var x509 = new Option<string?>("--x509") { Description = "DTLS X.509: the device's certificate (PEM file), or 'ca' to trust any certificate the server's CAs issued to this endpoint." };
        var command = new Command("create", "Create a device; choose one of --nosec, --psk-identity/--psk-key, --rpk, --x509.")
        {
            endpoint, name, profile, nosec, pskIdentity, pskKey, rpk, x509,
        };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            string ep = parsed.GetValue(endpoint) ?? "";
            var credentials = new DeviceCredentials { Endpoint = ep };
            int modes = 0;
            if (parsed.GetValue(nosec))
            {
                modes++;
                credentials.Nosec = new NoSecCredentials();
            }

            string? identity = parsed.GetValue(pskIdentity), key = parsed.GetValue(pskKey);
            if (identity is not null || key is not null)
            {
                modes++;
                if (identity is null || key is null)
                {
                    throw new UsageException("PSK needs both --psk-identity and --psk-key");
                }

                credentials.Psk = new PskCredentials { Identity = identity, KeyHex = key };
            }

            if (parsed.GetValue(rpk) is { } publicKey)
            {
                modes++;
                credentials.Rpk = new RpkCredentials { PublicKeyBase64 = ReadPublicKey(publicKey) };
            }

            if (parsed.GetValue(x509) is { } certificate)
            {
                modes++;
                credentials.X509 = certificate == "ca"
                    ? new X509Credentials { TrustByCa = true }
                    : new X509Credentials { CertificatePem = ReadFile("--x509", certificate) };
            }

            if (modes != 1)
            {
                throw new UsageException(modes == 0
                    ? "choose the security: --nosec, --psk-identity with --psk-key, --rpk or --x509"
                    : "choose only one security mode: --nosec, --psk-identity/--psk-key, --rpk or --x509");
            }

            var client = new Devices.DevicesClient(session.Channel);
            CreateDeviceResponse response = await client.CreateAsync(new CreateDeviceRequest
            {
                Name = parsed.GetValue(name) ?? ep,
                ProfileId = parsed.GetValue(profile) ?? "",
                Credentials = credentials,
            }, session.Call(ct));
            WriteDevice(session, response.Device, response);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions options, CliConsole console)
    {
        var command = new Command("list", "List the caller's devices.");
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var client = new Devices.DevicesClient(session.Channel);
            ListDevicesResponse response = await client.ListAsync(new ListDevicesRequest(), session.Call(ct));
            if (session.Json)
            {
                session.WriteJson(response);
                return ExitCodes.Ok;
            }

            var table = new Table("NAME", "ENDPOINT", "SECURITY", "IDENTITY", "REGISTERED", "LAST UPDATE", "ID");
            foreach (var d in response.Devices)
            {
                table.Add(d.Name, d.Endpoint, Formats.Security(d.CredentialsType), d.Identity,
                    d.Registration?.Registered == true ? "yes" : "no", Formats.Time(d.Registration?.LastUpdate), d.Id);
            }

            table.WriteTo(session.Console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(GlobalOptions options, CliConsole console)
    {
        var device = DeviceArgument();
        var command = new Command("show", "Show one device and its registration.") { device };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var client = new Devices.DevicesClient(session.Channel);
            GetDeviceResponse response = await client.GetAsync(
                new GetDeviceRequest { Device = Formats.Device(parsed.GetValue(device)!) }, session.Call(ct));
            WriteDevice(session, response.Device, response);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(GlobalOptions options, CliConsole console)
    {
        var device = DeviceArgument();
        var command = new Command("delete", "Delete one device.") { device };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var client = new Devices.DevicesClient(session.Channel);
            DeleteDeviceResponse response = await client.DeleteAsync(
                new DeleteDeviceRequest { Device = Formats.Device(parsed.GetValue(device)!) }, session.Call(ct));
            if (session.Json)
            {
                session.WriteJson(response);
            }
            else
            {
                session.Console.Out.WriteLine($"deleted {response.Deleted.Endpoint} ({response.Deleted.Id})");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteDevice(CliSession session, Device d, Google.Protobuf.IMessage response)
    {
        if (session.Json)
        {
            session.WriteJson(response);
            return;
        }

        var r = d.Registration ?? new RegistrationState();
        var table = new Table("FIELD", "VALUE")
            .Add("id", d.Id)
            .Add("name", d.Name)
            .Add("endpoint", d.Endpoint)
            .Add("profile", d.ProfileId)
            .Add("security", Formats.Security(d.CredentialsType))
            .Add("identity", d.Identity)
            .Add("auto-provisioned", d.AutoProvisioned ? "yes" : "no")
            .Add("created", Formats.Time(d.CreatedAt))
            .Add("registered", r.Registered ? "yes" : "no");
        if (r.Registered)
        {
            table.Add("registration id", r.RegistrationId)
                .Add("lwm2m version", r.Lwm2MVersion)
                .Add("registered at", Formats.Time(r.RegisteredAt))
                .Add("last update", Formats.Time(r.LastUpdate))
                .Add("lifetime", r.LifetimeSeconds + " s")
                .Add("queue mode", r.QueueMode ? "yes" : "no");
        }

        if (response is GetDeviceResponse { DownlinkQueue: { } queue })
        {
            table.Add("queued requests", queue.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Add("expired requests", queue.Expired.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        table.WriteTo(session.Console.Out);
    }

    /// <summary>A PEM or DER public key file, or the base64 DER itself.</summary>
    private static string ReadPublicKey(string value)
    {
        if (!File.Exists(value))
        {
            return value;
        }

        byte[] bytes = File.ReadAllBytes(value);
        string text = System.Text.Encoding.ASCII.GetString(bytes);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            var body = text.Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal));
            return string.Concat(body);
        }

        return Convert.ToBase64String(bytes);
    }

    private static string ReadFile(string option, string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new UsageException($"{option}: no such file \"{path}\"");
}
