using System.Dynamic;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Expressions;

namespace EscalationStudio.Workflows.Tests.Expressions;

public sealed class ValueConversionTests
{
    [Theory]
    [InlineData("String", typeof(string))]
    [InlineData("Int32", typeof(int))]
    [InlineData("Int32[]", typeof(int[]))]
    [InlineData("List<String>", typeof(List<string>))]
    [InlineData("ObjectMap", typeof(Dictionary<string, object>))]
    [InlineData("Boolean?", typeof(bool?))]
    [InlineData("Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", typeof(object))]
    public void Elsa_type_aliases_resolve(string alias, Type expected) => Assert.Equal(expected, TypeAliases.Resolve(alias));

    [Fact]
    public void Literals_convert_with_invariant_culture_like_elsa()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), ValueConverter.Convert<TimeSpan>(JsonValue.Create("00:00:05")));
        Assert.True(ValueConverter.Convert<bool>(JsonValue.Create("True")));
        Assert.True(ValueConverter.Convert<bool>(JsonValue.Create(true)));
        Assert.Equal(4, ValueConverter.Convert<int>(JsonValue.Create("4")));
        Assert.Equal(4, ValueConverter.Convert<int>(4.0));
        Assert.Equal(1.5m, ValueConverter.Convert<decimal>("1.5"));
        Assert.Equal(0, ValueConverter.Convert<int>(""));
        Assert.Equal(["a", "b"], ValueConverter.Convert<string[]>(JsonValue.Create("[\"a\",\"b\"]"))!);
        Assert.Equal("12.5", ValueConverter.Convert<string>(12.5));
    }

    [Fact]
    public void Json_becomes_plain_data_and_back()
    {
        var json = JsonNode.Parse("""{"tier":"L2","amount":120,"tags":["vip",true]}""");

        var data = Assert.IsType<ExpandoObject>(ValueConverter.FromJson(json));
        var map = (IDictionary<string, object?>)data;

        Assert.Equal(120.0, map["amount"]);
        Assert.Equal(["vip", true], (object?[])map["tags"]!);
        Assert.Equal(json!.ToJsonString(), ValueConverter.ToJson(data)!.ToJsonString());
    }

    [Fact]
    public void A_value_that_does_not_convert_names_the_target_type()
    {
        var error = Assert.Throws<InvalidCastException>(() => ValueConverter.Convert<int>("twelve"));

        Assert.Contains("Int32", error.Message);
    }
}
