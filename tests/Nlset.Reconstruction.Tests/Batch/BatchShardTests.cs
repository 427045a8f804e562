using Nlset.Geometry;
using Nlset.Reconstruction.Batch;

namespace Nlset.Reconstruction.Tests.Batch;

public sealed class BatchShardTests
{
    static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void ShardKOfNTakesEveryNthRowFromK()
    {
        Assert.Equal([1, 4, 7], BatchShard.Parse("1/3").Rows(9));
        Assert.Equal([0, 1, 2], BatchShard.All.Rows(3));
        Assert.Empty(BatchShard.Parse("5/8").Rows(4));
        Assert.Throws<InvalidInputException>(() => BatchShard.Parse("3/3"));
        Assert.Throws<InvalidInputException>(() => BatchShard.Parse("1/0"));
        Assert.Throws<InvalidInputException>(() => BatchShard.Parse("-1/2"));
        Assert.Throws<InvalidInputException>(() => BatchShard.Parse("2"));
    }

    [Fact]
    public void SplittingAShardAmongWorkersCoversItsRowsOnce()
    {
        var shard = BatchShard.Parse("1/3");
        var parts = shard.Split(2);
        Assert.Equal([new BatchShard(1, 6), new BatchShard(4, 6)], parts);
        var rows = parts.SelectMany(p => p.Rows(40)).Order().ToArray();
        Assert.Equal(shard.Rows(40), rows);
    }

    [Fact]
    public void AGivenShardWinsOverTheEnvironment()
    {
        var (shard, source) = BatchShard.Resolve("2/5", null, Env(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_MAX", "3")));
        Assert.Equal(new BatchShard(2, 5), shard);
        Assert.Equal("given", source);
        Assert.Throws<InvalidInputException>(() => BatchShard.Resolve("2/5", 5, Env()));
    }

    [Fact]
    public void ASlurmArrayIsTheBatchUnlessShardsIsGiven()
    {
        // sbatch --array=0-3: task 2 of 4.
        Assert.Equal(new BatchShard(2, 4), BatchShard.Resolve(null, null,
            Env(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "3"), ("SLURM_ARRAY_TASK_COUNT", "4"))).Shard);
        // --array=1-8: numbered from 1.
        Assert.Equal(new BatchShard(0, 8), BatchShard.Resolve(null, null,
            Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "8"))).Shard);
        // --array=0-12:4 (steps of 4): tasks 0, 4, 8, 12 are shards 0..3.
        Assert.Equal(new BatchShard(2, 4), BatchShard.Resolve(null, null,
            Env(("SLURM_ARRAY_TASK_ID", "8"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "12"), ("SLURM_ARRAY_TASK_STEP", "4"))).Shard);
        // Only the count known.
        Assert.Equal(new BatchShard(3, 5), BatchShard.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "5"))).Shard);
        // A resubmission of some indices of an 8-shard batch (--array=2,5 --shards 8): the index is the shard.
        Assert.Equal(new BatchShard(5, 8), BatchShard.Resolve(null, 8,
            Env(("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "2"), ("SLURM_ARRAY_TASK_MAX", "5"), ("SLURM_ARRAY_TASK_COUNT", "2"))).Shard);
        var outside = Assert.Throws<InvalidInputException>(() => BatchShard.Resolve(null, 4, Env(("SLURM_ARRAY_TASK_ID", "4"))));
        Assert.Contains("SLURM_ARRAY_TASK_ID=4", outside.Message);
        Assert.Throws<InvalidInputException>(() => BatchShard.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "3"))));
        Assert.Throws<InvalidInputException>(() => BatchShard.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "x"), ("SLURM_ARRAY_TASK_COUNT", "2"))));
    }

    [Fact]
    public void AKubernetesIndexedJobNeedsShards()
    {
        var (shard, source) = BatchShard.Resolve(null, 6, Env(("JOB_COMPLETION_INDEX", "5")));
        Assert.Equal(new BatchShard(5, 6), shard);
        Assert.Contains("Kubernetes", source);
        var missing = Assert.Throws<InvalidInputException>(() => BatchShard.Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "1"))));
        Assert.Contains("needs Shards N", missing.Message);
        Assert.Equal("JOB_COMPLETION_INDEX=1 (a Kubernetes Indexed Job) needs --shards N, the Job's completions",
            missing.MessageNaming(setting => "--" + setting.ToLowerInvariant()));
        Assert.Throws<InvalidInputException>(() => BatchShard.Resolve(null, 6, Env(("JOB_COMPLETION_INDEX", "6"))));
    }

    [Fact]
    public void WithoutAnEngineEveryRowRunsAndShardsAloneIsRefused()
    {
        Assert.Equal(BatchShard.All, BatchShard.Resolve(null, null, Env()).Shard);
        Assert.Throws<InvalidInputException>(() => BatchShard.Resolve(null, 4, Env()));
    }
}
