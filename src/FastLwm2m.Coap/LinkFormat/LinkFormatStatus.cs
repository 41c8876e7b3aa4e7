namespace FastLwm2m.Coap.LinkFormat;

/// <summary>
/// Outcome of reading one link of a CoRE Link Format document (RFC 6690 §2). Each syntax error
/// has its own value so that a rejected Register or Update can be logged precisely.
/// </summary>
public enum LinkFormatStatus : byte
{
    /// <summary>A well-formed link was read.</summary>
    Ok = 0,
    /// <summary>No more links: the rest of the input is empty or whitespace.</summary>
    End,
    /// <summary>A link does not start with '&lt;' (including a trailing or doubled ',').</summary>
    MissingOpeningAngle,
    /// <summary>The input ends before the '&gt;' that closes a URI-Reference.</summary>
    UnterminatedUri,
    /// <summary>A URI-Reference contains whitespace, a control character, '&lt;' or '"'.</summary>
    InvalidUriCharacter,
    /// <summary>A ';' is not followed by a parameter name, or the name contains a character outside parmname.</summary>
    BadAttribute,
    /// <summary>A parameter has '=' but no ptoken or quoted-string after it.</summary>
    MissingAttributeValue,
    /// <summary>The input ends inside a quoted-string (or right after its escaping '\').</summary>
    UnterminatedQuotedString,
    /// <summary>A link or parameter is followed by something other than ';', ',' or the end.</summary>
    UnexpectedCharacter,
    /// <summary>A link contains bytes that are not well-formed UTF-8.</summary>
    InvalidUtf8,
}
